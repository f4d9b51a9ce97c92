/**
 * `npm run drift` as a user runs it: bad arguments exit 1 (2 is reserved for drift) with a message,
 * and the scheduled workflow runs it for production with an OIDC role. The drift itself is
 * exercised against the emulator in __tests__/terraform/release-safety.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
let out: string;

beforeAll(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require(join(root, 'scripts/build.js')) as { build(): void }).build();
  out = mkdtempSync(join(tmpdir(), 'drift-cli-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

function drift(...args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, 'dist/scripts/drift.js'), ...args, `--out=${out}`], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr };
}

test('GIVEN no environment WHEN drift runs THEN it exits 1 with the usage', () => {
  const { status, stderr } = drift();
  expect(status).toBe(1);
  expect(stderr).toMatch(/usage: npm run drift -- <environment> \[--emulator\]/);
});

test('GIVEN an unknown option THEN it exits 1 naming it', () => {
  const { status, stderr } = drift('production', '--emulater');
  expect(status).toBe(1);
  expect(stderr).toMatch(/unknown option --emulater/);
});

test('GIVEN an environment without a file THEN it exits 1 naming the file', () => {
  const { status, stderr } = drift('staging');
  expect(status).toBe(1);
  expect(stderr).toMatch(/staging\.json[\s\S]*cannot read the file/);
});

test('the scheduled workflow checks production daily with an OIDC role and fails on drift', () => {
  const workflow = readFileSync(join(root, '.github/workflows/drift.yml'), 'utf8');
  expect(workflow).toMatch(/schedule:\s*\n\s*- cron: '\d+ \d+ \* \* \*'/);
  expect(workflow).toMatch(/id-token: write/);
  expect(workflow).toMatch(/role-to-assume: \$\{\{ vars\.PRODUCTION_DRIFT_ROLE_ARN \}\}/);
  expect(workflow).toMatch(/run: npm ci[\s\S]*run: npm run drift -- production/);
  expect(workflow).toMatch(/drift\/production\/drift\.json/);
});
