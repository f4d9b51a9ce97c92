/**
 * runTerraformWithProgress end to end, with a stand-in terraform that replays output recorded from
 * real runs (__tests__/fixtures/terraform-ui/) line by line and exits with a given code.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTerraformWithProgress, type ProgressOptions } from '../../../scripts/lib/terraform-progress-run';
import { TerraformCommandError } from '../../../scripts/lib/terraform';

const fixtures = join(__dirname, '../../fixtures/terraform-ui');
let work: string;
let fakeTerraform: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'tf-progress-'));
  fakeTerraform = join(work, 'terraform');
  writeFileSync(
    fakeTerraform,
    [
      `#!${process.execPath}`,
      "const fs = require('node:fs');",
      'fs.writeFileSync(process.env.FAKE_TF_ARGS, JSON.stringify(process.argv.slice(2)));',
      "const lines = fs.readFileSync(process.env.FAKE_TF_FIXTURE, 'utf8').split('\\n').filter(Boolean);",
      'let i = 0;',
      'const next = () => {',
      '  if (i < lines.length) { process.stdout.write(lines[i++] + "\\n"); setTimeout(next, 3); return; }',
      '  if (process.env.FAKE_TF_STDERR) process.stderr.write(process.env.FAKE_TF_STDERR);',
      '  process.exitCode = Number(process.env.FAKE_TF_EXIT ?? 0);',
      '};',
      'next();',
    ].join('\n'),
  );
  chmodSync(fakeTerraform, 0o755);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A stream that records what is written; a terminal 60 columns wide when `tty`. */
function recorder(tty: boolean): ProgressOptions['stream'] & { text: () => string } {
  const chunks: string[] = [];
  return {
    isTTY: tty,
    columns: 60,
    write(chunk: string) {
      chunks.push(chunk);
      return true;
    },
    text: () => chunks.join(''),
  } as unknown as ProgressOptions['stream'] & { text: () => string };
}

function run(fixture: string, stream: ProgressOptions['stream'], env: Record<string, string> = {}) {
  return runTerraformWithProgress(
    ['apply', '-auto-approve', '-no-color'],
    {
      cwd: work,
      binary: fakeTerraform,
      env: { ...process.env, FAKE_TF_FIXTURE: join(fixtures, fixture), FAKE_TF_ARGS: join(work, 'args.json'), ...env },
    },
    { label: 'apply delivery-dev', stream, plainIntervalMs: 20, ttyIntervalMs: 10 },
  );
}

test('GIVEN progress THEN terraform runs with -json (and without -no-color, which -json implies)', async () => {
  await run('delivery-apply.jsonl', recorder(false));
  expect(JSON.parse(readFileSync(join(work, 'args.json'), 'utf8'))).toEqual(['apply', '-auto-approve', '-json']);
});

test('GIVEN a stream that is not a terminal THEN it prints a start line, plain periodic lines and the summary', async () => {
  const stream = recorder(false);
  await run('delivery-apply.jsonl', stream);
  const lines = stream.text().split('\n').filter(Boolean);
  expect(lines[0]).toBe('apply delivery-dev: started');
  expect(lines.slice(1, -1).length).toBeGreaterThan(0);
  for (const line of lines.slice(1, -1))
    expect(line).toMatch(
      /^apply delivery-dev: (starting \(terraform and the provider load\)|\d+ read|\d+\/\d+ done), \d+s(; waiting on .*)?$/,
    );
  expect(lines.at(-1)).toMatch(/^apply delivery-dev: Apply complete! Resources: 87 added, 0 changed, 0 destroyed\. in \d+s$/);
  expect(stream.text()).not.toContain('\r');
});

test('GIVEN a terminal THEN one line is redrawn in place, cut to its width, and replaced by the summary', async () => {
  const stream = recorder(true);
  await run('delivery-apply.jsonl', stream);
  const text = stream.text();
  const redraws = text.split('\r\u001b[K').filter(Boolean);
  expect(redraws.length).toBeGreaterThan(2);
  for (const frame of redraws.slice(0, -1)) {
    expect(frame).not.toContain('\n');
    expect(frame.length).toBeLessThanOrEqual(59);
  }
  expect(redraws.at(-1)).toMatch(/^apply delivery-dev: Apply complete! .* in \d+s\n$/);
});

test('GIVEN warnings THEN they are printed after the summary, once each', async () => {
  const stream = recorder(false);
  await run('bootstrap-apply.jsonl', stream);
  const warnings = stream
    .text()
    .split('\n')
    .filter((l) => l.includes('Warning:'));
  expect(warnings).toEqual([
    '  Warning: Argument is deprecated (aws_s3_bucket.state_bucket_803B4E61): lifecycle_rule is deprecated. Use the aws_s3_bucket_lifecycle_configuration resource instead.',
  ]);
});

test("GIVEN an apply that fails THEN it rejects with Terraform's error in full, and the stream says what failed", async () => {
  const stream = recorder(false);
  const failure = run('apply-error.jsonl', stream, { FAKE_TF_EXIT: '1' });
  await expect(failure).rejects.toBeInstanceOf(TerraformCommandError);
  const message = ((await failure.catch((e: unknown) => e)) as Error).message;
  expect(message).toContain('--- terraform reported ---\nError: creating CloudFront Origin Request Policy (progress-fixture)');
  expect(message).toContain('  with aws_cloudfront_origin_request_policy.p,\n  on main.tf.json line 41');
  expect(stream.text().trim().split('\n').at(-1)).toMatch(/^apply delivery-dev: failed \(1\/2 done, 1 failed\) in \d+s$/);
});

test('GIVEN an error Terraform prints as plain text (before any UI message) THEN the message holds it', async () => {
  const failure = run('apply-error.jsonl', recorder(false), {
    FAKE_TF_EXIT: '1',
    FAKE_TF_STDERR: 'Error: Backend initialization required',
  });
  expect(((await failure.catch((e: unknown) => e)) as Error).message).toContain('Error: Backend initialization required');
});
