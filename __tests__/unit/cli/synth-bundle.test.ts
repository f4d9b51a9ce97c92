/**
 * `npm run synth` runs the bundle dist/synth.js (scripts/synth-bundle.js) through V8's code cache
 * (scripts/run-app.js). The bundle changes two of cdktf's modules for start-up time; these tests
 * pin that what it writes is exactly what the sources synthesize, and that a bad cache costs
 * nothing but time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { App } from 'cdktf';
import { loadAllEnvironments } from '../../../config/load';
import { buildApp } from '../../../stacks/app';
import type { DeployTarget } from '../../../stacks/deploy-target';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { patchFsModule } = require('../../../scripts/synth-bundle.js') as { patchFsModule: (text: string) => string };

const root = join(__dirname, '../../..');
const cacheFile = join(root, 'dist', 'synth.js.cache');
let work: string;

function runSynth(outdir: string, env: Record<string, string> = {}): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, 'scripts/run-app.js')], {
    cwd: root,
    env: { ...process.env, CDKTF_OUTDIR: outdir, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr };
}

/** Every file under `dir`, by relative path, with its content. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** The same app synthesized in this process, from the TypeScript sources. */
function synthFromSources(outdir: string, target: DeployTarget, environments?: string[]): Record<string, string> {
  const all = loadAllEnvironments();
  const app = new App({ outdir });
  buildApp(app, environments ? all.filter((e) => environments.includes(e.name)) : all, { target });
  app.synth();
  return tree(outdir);
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'synth-bundle-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

test('GIVEN every environment WHEN the bundle synthesizes THEN each file it writes is byte-identical to a synth of the sources', () => {
  expect(runSynth(join(work, 'bundle')).status).toBe(0);
  const bundled = tree(join(work, 'bundle'));
  expect(Object.keys(bundled)).toContain('stacks/delivery-production/cdk.tf.json');
  expect(bundled).toEqual(synthFromSources(join(work, 'sources'), 'aws'));
});

test('GIVEN the emulator target WHEN the bundle synthesizes dev THEN its files are byte-identical to a synth of the sources', () => {
  expect(runSynth(join(work, 'bundle'), { DEPLOY_TARGET: 'emulator', ENVIRONMENTS: 'dev' }).status).toBe(0);
  expect(tree(join(work, 'bundle'))).toEqual(synthFromSources(join(work, 'sources'), 'emulator', ['dev']));
});

test('GIVEN a successful synth WHEN it has run THEN the compiled code is cached next to the bundle', () => {
  expect(runSynth(join(work, 'out')).status).toBe(0);
  expect(existsSync(cacheFile)).toBe(true);
});

test('GIVEN a corrupt code cache WHEN synth runs THEN V8 ignores it, the stacks are written and the cache is replaced', () => {
  runSynth(join(work, 'first'));
  writeFileSync(cacheFile, 'not a V8 code cache');
  // dev: an environment without warnings, so anything on stderr would be about the cache.
  const { status, stderr } = runSynth(join(work, 'out'), { ENVIRONMENTS: 'dev' });
  expect(stderr).toBe('');
  expect(status).toBe(0);
  expect(existsSync(join(work, 'out', 'stacks', 'delivery-dev', 'cdk.tf.json'))).toBe(true);
  expect(readFileSync(cacheFile, 'utf8')).not.toBe('not a V8 code cache');
});

test('GIVEN a cdktf whose lib/private/fs.js no longer has the expected lines WHEN bundling THEN the build fails naming the line', () => {
  const fsModule = readFileSync(require.resolve('cdktf/lib/private/fs.js'), 'utf8');
  expect(patchFsModule(fsModule)).not.toContain('require("archiver")');
  expect(() => patchFsModule(fsModule.replace('const archiver = require("archiver");', 'const archiver = require("zip");'))).toThrow(
    /expected exactly one const archiver = require\("archiver"\);/,
  );
});
