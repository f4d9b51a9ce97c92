/**
 * The path the README gives users, run as a new user runs it: the cdktf CLI (cdktf.json's app is
 * `node scripts/run-app.js`) against the local emulator, with DEPLOY_TARGET=emulator,
 * AWS_ENDPOINT_URL and --skip-provider-lock. The state bootstrap is deployed on its own, then the
 * delivery stack through its S3 backend; `cdktf diff` then finds nothing to change, and
 * `cdktf destroy` empties the state.
 *
 * The tests in this file run in order and share one emulator (their own, on a free port).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../scripts/lib/emulator';
import { forgetStateBucket, synthForEmulator } from '../../scripts/lib/local-stacks';
import { initOnce, pluginCacheDir, repoRoot, stateAddresses } from '../../scripts/lib/terraform';
import { testRequiring, testTerraformEnv } from '../helpers/terraform';

const it = testRequiring(['terraform', 'moto_server']);
const STEP_TIMEOUT = 300_000;
const root = repoRoot();
const BUCKET = 'fintech-terraform-state-dev';
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

let work: string;
let out: string;
let emulator: Emulator | undefined;
let env: NodeJS.ProcessEnv;
const timings: Record<string, number> = {};

interface CliRun {
  code: number | null;
  /** stdout and stderr, ANSI sequences removed. */
  output: string;
  durationMs: number;
}

/** Runs `cdktf <args>` from the repository, as `npx cdktf` would, with the test's environment. */
function cdktf(args: string[]): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(join(root, 'node_modules', '.bin', 'cdktf'), [...args, '--output', out], { cwd: root, env });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        output: Buffer.concat(chunks).toString('utf8').replace(ANSI, ''),
        durationMs: Date.now() - started,
      }),
    );
  });
}

/** Fails with the CLI's last output when it did not exit 0. */
function expectSuccess(run: CliRun): void {
  if (run.code !== 0) throw new Error(`cdktf exited with ${run.code}:\n${run.output.slice(-4000)}`);
}

/** A GET against the emulator's S3 API (it refuses anonymous requests, so a placeholder signature is sent). */
async function s3Get(path: string): Promise<Response> {
  return fetch(`${emulator!.endpoint}/${BUCKET}${path}`, {
    headers: { Authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0' },
  });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cdktf-cli-'));
  out = join(work, 'cdktf.out');
  // The CLI's `terraform init` links the provider from the plugin cache; fill it first, under the
  // lock the other Terraform tests take, so no two processes write it at once.
  const probe = synthForEmulator({ outdir: join(work, 'probe') });
  await initOnce(probe.bootstrapDir, { env: testTerraformEnv() });
});

afterAll(async () => {
  await emulator?.stop();
  if (Object.keys(timings).length > 0) {
    console.log(
      `cdktf CLI timings: ${Object.entries(timings)
        .map(([k, v]) => `${k}=${(v / 1000).toFixed(1)}s`)
        .join(' ')}`,
    );
  }
  rmSync(work, { recursive: true, force: true });
});

describe('the cdktf CLI on the local AWS emulator', () => {
  it(
    'GIVEN a fresh emulator WHEN both stacks are deployed in one command THEN it stops before applying anything: the CLI initializes the S3 backend of every stack first',
    async () => {
      emulator = await startEmulator();
      // What the README tells a user to set, and nothing more (no per-service endpoint variables).
      env = testTerraformEnv({
        DEPLOY_TARGET: 'emulator',
        ENVIRONMENTS: 'dev',
        AWS_ENDPOINT_URL: emulator.endpoint,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_REGION: 'us-east-1',
        // The CLI would otherwise point Terraform at ~/.terraform.d/plugin-cache.
        TF_PLUGIN_CACHE_DIR: pluginCacheDir(),
      });
      for (const name of Object.keys(env)) {
        if (/^AWS_(ENDPOINT_URL_|PROFILE$|SESSION_TOKEN$|DEFAULT_PROFILE$)/.test(name)) delete env[name];
      }
      const run = await cdktf(['deploy', 'state-bootstrap-dev', 'delivery-dev', '--auto-approve', '--skip-provider-lock']);
      expect(run.code).not.toBe(0);
      expect(run.output).toMatch(/S3 bucket "fintech-terraform-state-dev" does not exist/);
      expect((await s3Get('?versioning')).status).toBe(404);
    },
    STEP_TIMEOUT,
  );

  it(
    'WHEN `cdktf deploy state-bootstrap-dev` runs THEN the versioned state bucket exists and is an output',
    async () => {
      const run = await cdktf(['deploy', 'state-bootstrap-dev', '--auto-approve', '--skip-provider-lock']);
      timings.bootstrap = run.durationMs;
      expectSuccess(run);
      expect(run.output).toMatch(/Apply complete! Resources: 5 added, 0 changed, 0 destroyed\./);
      expect(run.output).toMatch(/state_bucket = fintech-terraform-state-dev/);
      expect(await (await s3Get('?versioning')).text()).toMatch(/<Status>Enabled<\/Status>/);
    },
    STEP_TIMEOUT,
  );

  it(
    'WHEN `cdktf deploy delivery-dev` runs THEN it applies through the S3 backend and its state is in the bucket',
    async () => {
      const run = await cdktf(['deploy', 'delivery-dev', '--auto-approve', '--skip-provider-lock']);
      timings.deploy = run.durationMs;
      expectSuccess(run);
      expect(run.output).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed\./);
      const state = (await (await s3Get('/delivery/dev/terraform.tfstate')).json()) as { resources: { mode: string }[] };
      expect(state.resources.filter((r) => r.mode === 'managed').length).toBeGreaterThan(40);
    },
    STEP_TIMEOUT,
  );

  it(
    'WHEN `cdktf diff delivery-dev` runs right after THEN it finds no changes',
    async () => {
      const run = await cdktf(['diff', 'delivery-dev', '--skip-provider-lock']);
      timings.diff = run.durationMs;
      expectSuccess(run);
      expect(run.output).toMatch(/No changes\. Your infrastructure matches the configuration\./);
    },
    STEP_TIMEOUT,
  );

  it(
    'WHEN `cdktf destroy delivery-dev` runs THEN every resource is destroyed and the state is empty',
    async () => {
      const run = await cdktf(['destroy', 'delivery-dev', '--auto-approve', '--skip-provider-lock']);
      timings.destroy = run.durationMs;
      expectSuccess(run);
      expect(run.output).toMatch(/Destroy complete! Resources: \d+ destroyed\./);
      expect(await stateAddresses(join(out, 'stacks', 'delivery-dev'), env)).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    'finally the state bucket is released (gap s3-delete-markers: the emulator cannot delete it) and the emulator stops',
    async () => {
      const bootstrapDir = join(out, 'stacks', 'state-bootstrap-dev');
      await forgetStateBucket(bootstrapDir, env);
      expect(await stateAddresses(bootstrapDir, env)).toEqual([]);
    },
    STEP_TIMEOUT,
  );
});
