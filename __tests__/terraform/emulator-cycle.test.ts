/**
 * Rungs 3 and 4, and the path the README gives users, on the local AWS emulator with the real
 * terraform and the real provider: `npm run emulator` in the background, then the cdktf CLI
 * (cdktf.json's app is `node scripts/run-app.js`) with DEPLOY_TARGET=emulator, AWS_ENDPOINT_URL and
 * --skip-provider-lock, as a new user runs it. Both stacks in one command stop before applying
 * (the CLI initializes every backend first); the state bootstrap is deployed on its own; the
 * delivery stack applies through its real S3 backend (a second apply during the first is refused
 * by the lock); `cdktf diff` then finds no changes at all, the scaler's task count included (the
 * emulator profile ignores the read-back differences listed in stacks/emulator-gaps.ts);
 * `cdktf destroy` empties the state and leaves none of the stack's resources on the emulator.
 *
 * The tests in this file run in order and share one emulator (their own, on a free port).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironment } from '../../config/load';
import { forgetStateBucket, synthForEmulator } from '../../scripts/lib/local-stacks';
import { initOnce, pluginCacheDir, repoRoot, runTerraform, stateAddresses } from '../../scripts/lib/terraform';
import { deliveryStateKey } from '../../stacks/delivery-stack';
import { testRequiring, testTerraformEnv } from '../helpers/terraform';

const it = testRequiring(['terraform', 'moto_server']);
const STEP_TIMEOUT = 300_000;
const root = repoRoot();
const dev = loadEnvironment('dev');
const stateKey = deliveryStateKey('dev');
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

let work: string;
let out: string;
/** `npm run emulator` (dist/scripts/emulator.js, built by __tests__/global-setup.js) and its address. */
let emulator: { process: ChildProcess; endpoint: string } | undefined;
let env: NodeJS.ProcessEnv;
const timings: Record<string, number> = {};
let managedBeforeDestroy: string[] = [];
let stateCopy: string;

const deliveryDir = () => join(out, 'stacks', 'delivery-dev');
const bootstrapDir = () => join(out, 'stacks', 'state-bootstrap-dev');

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

/** Starts `npm run emulator -- --port 0` (a free port) and reads the endpoint from its ready lines. */
async function startEmulatorCommand(): Promise<{ process: ChildProcess; endpoint: string }> {
  const child = spawn(process.execPath, [join(root, 'dist', 'scripts', 'emulator.js'), '--port', '0'], {
    cwd: root,
    env: { ...process.env, AWS_ENDPOINT_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    const onData = (c: Buffer): void => {
      output += c.toString();
      const ready = /Emulator ready at (http:\/\/127\.0\.0\.1:[1-9]\d*) .*\n.*\n/.exec(output);
      if (ready) resolve(ready[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`npm run emulator exited ${code}:\n${output}`)));
  });
  expect(output).toContain(`export AWS_ENDPOINT_URL=${endpoint} `);
  return { process: child, endpoint };
}

/** Stops `npm run emulator` as Ctrl-C does. */
async function stopEmulatorCommand(): Promise<void> {
  const child = emulator?.process;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGINT');
  await exited;
}

/** Fails with the CLI's last output when it did not exit 0. */
function expectSuccess(run: CliRun): void {
  if (run.code !== 0) throw new Error(`cdktf exited with ${run.code}:\n${run.output.slice(-4000)}`);
}

interface S3Version {
  key: string;
  versionId: string;
  deleteMarker: boolean;
}

/**
 * A GET against the emulator's S3 API. The emulator does not verify signatures, but it treats a
 * request without credentials as anonymous (and refuses it), so a placeholder header is sent.
 */
async function s3Get(path: string): Promise<Response> {
  return fetch(`${emulator!.endpoint}/${dev.state.bucket}${path}`, {
    headers: { Authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0' },
  });
}

/** Object versions under a prefix, newest first. */
async function listVersions(prefix: string): Promise<(S3Version & { latest: boolean })[]> {
  const xml = await (await s3Get(`?versions&prefix=${encodeURIComponent(prefix)}`)).text();
  const versions: (S3Version & { latest: boolean })[] = [];
  for (const [, tag, body] of xml.matchAll(/<(Version|DeleteMarker)>([\s\S]*?)<\/\1>/g)) {
    versions.push({
      key: /<Key>(.*?)<\/Key>/.exec(body!)![1]!,
      versionId: /<VersionId>(.*?)<\/VersionId>/.exec(body!)![1]!,
      deleteMarker: tag === 'DeleteMarker',
      latest: /<IsLatest>true<\/IsLatest>/.test(body!),
    });
  }
  return versions;
}

/** True when the key's current version is an object (not absent, not deleted). */
async function objectExists(key: string): Promise<boolean> {
  return (await listVersions(key)).some((v) => v.key === key && v.latest && !v.deleteMarker);
}

/** Calls the emulator's ECS API (JSON protocol). */
async function ecsCall<T>(action: string, body: object): Promise<T> {
  const res = await fetch(emulator!.endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AmazonEC2ContainerServiceV20141113.${action}`,
      Authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: JSON.stringify(body),
  });
  return (await res.json()) as T;
}

/** The ECS service's status as the emulator's ECS API reports it ('MISSING' when unknown). */
async function ecsServiceStatus(cluster: string, service: string): Promise<string> {
  const body = await ecsCall<{ services?: { status: string }[] }>('DescribeServices', { cluster, services: [service] });
  return body.services?.[0]?.status ?? 'MISSING';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Addresses of the resources a destroy leaves in place by design (`skip_destroy = true`). */
function keptOnDestroy(config: { resource?: Record<string, Record<string, { skip_destroy?: boolean }>> }): string[] {
  return Object.entries(config.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName)
      .filter(([, r]) => r.skip_destroy === true)
      .map(([name]) => `${type}.${name}`),
  );
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'emulator-cycle-'));
  out = join(work, 'cdktf.out');
  // The CLI's `terraform init` links the provider from the plugin cache; fill it first, under the
  // lock the other Terraform tests take, so no two processes write it at once.
  const probe = synthForEmulator({ outdir: join(work, 'probe') });
  await initOnce(probe.bootstrapDir, { env: testTerraformEnv() });
}, STEP_TIMEOUT);

afterAll(async () => {
  await stopEmulatorCommand();
  if (Object.keys(timings).length > 0) {
    console.log(
      `emulator cycle timings: ${Object.entries(timings)
        .map(([k, v]) => `${k}=${(v / 1000).toFixed(1)}s`)
        .join(' ')}`,
    );
  }
  rmSync(work, { recursive: true, force: true });
});

describe('the greenfield environment through the cdktf CLI on the local AWS emulator', () => {
  it(
    'GIVEN a fresh emulator WHEN both stacks are deployed in one command THEN it stops before applying anything: the CLI initializes the S3 backend of every stack first',
    async () => {
      emulator = await startEmulatorCommand();
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
      expect(run.output).toMatch(new RegExp(`S3 bucket "${dev.state.bucket}" does not exist`));
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
      expect(run.output).toContain(`state_bucket = ${dev.state.bucket}`);
      expect(await (await s3Get('?versioning')).text()).toMatch(/<Status>Enabled<\/Status>/);
    },
    STEP_TIMEOUT,
  );

  it(
    'WHEN `cdktf deploy delivery-dev` runs and a second apply starts meanwhile THEN the second fails on the S3 lock and the deploy completes',
    async () => {
      const lockKey = `${stateKey}.tflock`;
      const deploy = cdktf(['deploy', 'delivery-dev', '--auto-approve', '--skip-provider-lock']);
      let finished: CliRun | undefined;
      void deploy.then((r) => (finished = r));

      // Wait until the CLI's apply holds the S3 lock object (the CLI has synthesized and initialized by then).
      const deadline = Date.now() + 240_000;
      while (!(await objectExists(lockKey))) {
        if (finished || Date.now() > deadline) throw new Error(`the deploy never held the lock object:\n${finished?.output.slice(-3000)}`);
        await sleep(500);
      }
      const second = await runTerraform(['apply', '-auto-approve', '-input=false', '-no-color', '-lock-timeout=0s'], {
        cwd: deliveryDir(),
        env,
        allowExitCodes: [0, 1],
      });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/Error acquiring the state lock/);

      const run = await deploy;
      timings.apply = run.durationMs;
      expectSuccess(run);
      expect(run.output).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed\./);
      expect(await objectExists(lockKey)).toBe(false);
    },
    STEP_TIMEOUT,
  );

  it(
    'THEN the state object is written to the bucket, versioned, and holds every resource',
    async () => {
      const versions = (await listVersions(stateKey)).filter((v) => v.key === stateKey && !v.deleteMarker);
      expect(versions.length).toBeGreaterThanOrEqual(1);
      const state = JSON.parse(await (await s3Get(`/${stateKey}`)).text()) as {
        resources: { mode: string; type: string; name: string }[];
      };
      managedBeforeDestroy = state.resources.filter((r) => r.mode === 'managed').map((r) => `${r.type}.${r.name}`);
      expect(managedBeforeDestroy.length).toBeGreaterThan(40);
      expect((await stateAddresses(deliveryDir(), env)).filter((a) => !a.startsWith('data.')).sort()).toEqual(
        [...managedBeforeDestroy].sort(),
      );
      // Kept for the final check that the emulator holds none of these after destroy.
      stateCopy = join(work, 'pre-destroy.tfstate');
      writeFileSync(stateCopy, JSON.stringify(state));
    },
    STEP_TIMEOUT,
  );

  it(
    'GIVEN the scaler changed the running task count WHEN `cdktf diff delivery-dev` runs THEN it finds no changes: no read-back difference, and the count is not reset',
    async () => {
      const { clusterName, serviceName } = dev.service;
      const scaled = dev.service.desiredCount + 1;
      // What Application Auto Scaling does on a scale-out: UpdateService with a new desired count.
      await ecsCall('UpdateService', { cluster: clusterName, service: serviceName, desiredCount: scaled });

      const run = await cdktf(['diff', 'delivery-dev', '--skip-provider-lock']);
      timings.plan = run.durationMs;
      expectSuccess(run);

      expect(run.output).toMatch(/No changes\. Your infrastructure matches the configuration\./);
      const described = await ecsCall<{ services: { desiredCount: number }[] }>('DescribeServices', {
        cluster: clusterName,
        services: [serviceName],
      });
      expect(described.services[0]!.desiredCount).toBe(scaled);
    },
    STEP_TIMEOUT,
  );

  it(
    'WHEN `cdktf destroy delivery-dev` runs THEN every resource is destroyed, the state is empty and a new state version is written',
    async () => {
      const before = (await listVersions(stateKey)).filter((v) => v.key === stateKey && !v.deleteMarker).length;
      const run = await cdktf(['destroy', 'delivery-dev', '--auto-approve', '--skip-provider-lock']);
      timings.destroy = run.durationMs;
      expectSuccess(run);
      expect(run.output).toMatch(/Destroy complete! Resources: \d+ destroyed\./);
      expect(await stateAddresses(deliveryDir(), env)).toEqual([]);
      const after = (await listVersions(stateKey)).filter((v) => v.key === stateKey && !v.deleteMarker).length;
      expect(after).toBeGreaterThan(before);
    },
    STEP_TIMEOUT,
  );

  it(
    'THEN the emulator holds none of the resources the stack had created, but the task definition revisions it keeps by design',
    async () => {
      // Refresh the pre-destroy state in a copy of the stack with local state: the provider reads
      // every resource back, and each one it no longer finds is planned as deleted drift. The ECS
      // service is asked directly instead: the provider's read of a missing service polls for
      // two minutes before it gives up.
      const check = join(work, 'leftovers');
      mkdirSync(check, { recursive: true });
      const config = JSON.parse(readFileSync(join(deliveryDir(), 'cdk.tf.json'), 'utf8')) as {
        terraform: Record<string, unknown>;
        resource?: Record<string, Record<string, { skip_destroy?: boolean }>>;
      };
      config.terraform.backend = { local: { path: 'terraform.tfstate' } };
      writeFileSync(join(check, 'cdk.tf.json'), JSON.stringify(config));
      const preState = JSON.parse(readFileSync(stateCopy, 'utf8')) as { resources: { type: string }[] };
      preState.resources = preState.resources.filter((r) => r.type !== 'aws_ecs_service');
      writeFileSync(join(check, 'terraform.tfstate'), JSON.stringify(preState));
      await initOnce(check, { backend: true, env });
      timings.leftoverCheck = (
        await runTerraform(['plan', '-refresh-only', '-input=false', '-no-color', '-parallelism=30', '-out=refresh.tfplan'], {
          cwd: check,
          env,
        })
      ).durationMs;
      const json = JSON.parse((await runTerraform(['show', '-json', 'refresh.tfplan'], { cwd: check, env })).stdout) as {
        resource_drift?: { address: string; mode: string; change: { actions: string[] } }[];
      };
      const gone = new Set((json.resource_drift ?? []).filter((d) => d.change.actions.includes('delete')).map((d) => d.address));
      const leftovers = managedBeforeDestroy.filter((address) => !address.startsWith('aws_ecs_service.') && !gone.has(address));
      // Task definition revisions are kept on purpose (skip_destroy: a rollback needs the previous one).
      expect(leftovers).toEqual(keptOnDestroy(config));
      expect(await ecsServiceStatus(dev.service.clusterName, dev.service.serviceName)).not.toBe('ACTIVE');
    },
    STEP_TIMEOUT,
  );

  it(
    'finally the state bucket is released (gap s3-delete-markers: the emulator cannot delete it) and the emulator stops',
    async () => {
      await forgetStateBucket(bootstrapDir(), env);
      expect(await stateAddresses(bootstrapDir(), env)).toEqual([]);
      await stopEmulatorCommand();
      expect(emulator!.process.exitCode).toBe(0);
    },
    STEP_TIMEOUT,
  );
});
