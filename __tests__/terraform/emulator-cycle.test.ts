/**
 * Rungs 3 and 4 on the local AWS emulator, with the real terraform and the real provider:
 * the greenfield environment's state bucket is bootstrapped, its delivery stack plans, applies
 * through its real S3 backend (a second apply during the first is refused by the lock), plans
 * again with no changes at all (-detailed-exitcode 0: the emulator profile ignores the read-back
 * differences listed in stacks/emulator-gaps.ts),
 * and destroys to an empty state, leaving none of its resources on the emulator.
 *
 * The tests in this file run in order and share one emulator.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../scripts/lib/emulator';
import { plannedChanges, type PlanJson } from '../../scripts/lib/drift';
import { forgetStateBucket, synthForEmulator, type EmulatorSynthResult } from '../../scripts/lib/local-stacks';
import { initOnce, runTerraform, stateAddresses, type TerraformResult } from '../../scripts/lib/terraform';
import { emulatorTerraformEnv, testRequiring } from '../helpers/terraform';

const it = testRequiring(['terraform', 'moto_server']);
const APPLY = ['-auto-approve', '-input=false', '-no-color', '-parallelism=30'];
const STEP_TIMEOUT = 300_000;

let work: string;
let emulator: Emulator | undefined;
let synth: EmulatorSynthResult;
let env: NodeJS.ProcessEnv;
const timings: Record<string, number> = {};
let managedBeforeDestroy: string[] = [];
let stateCopy: string;

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
  return fetch(`${emulator!.endpoint}/${synth.env.state.bucket}${path}`, {
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
  synth = synthForEmulator({ outdir: join(work, 'cdktf.out'), deliveryBackend: 's3' });
});

afterAll(async () => {
  await emulator?.stop();
  if (Object.keys(timings).length > 0) {
    const line = Object.entries(timings)
      .map(([k, v]) => `${k}=${(v / 1000).toFixed(1)}s`)
      .join(' ');
    console.log(`emulator cycle timings: ${line}`);
  }
  rmSync(work, { recursive: true, force: true });
});

describe(`the greenfield environment on the local AWS emulator`, () => {
  it(
    'GIVEN a fresh emulator WHEN the state bootstrap stack is applied THEN the versioned state bucket exists',
    async () => {
      // As the environment's account: the provider's allowed_account_ids is that account.
      emulator = await startEmulator({ accountId: synth.env.account });
      env = emulatorTerraformEnv(emulator);
      await initOnce(synth.bootstrapDir, { backend: true, env });
      timings.bootstrap = (await runTerraform(['apply', ...APPLY], { cwd: synth.bootstrapDir, env })).durationMs;
      const versioning = await (await s3Get('?versioning')).text();
      expect(versioning).toMatch(/<Status>Enabled<\/Status>/);
    },
    STEP_TIMEOUT,
  );

  it(
    'WHEN the delivery stack is initialized with its S3 backend and planned THEN the plan succeeds and only creates',
    async () => {
      await initOnce(synth.deliveryDir, { backend: true, env });
      const plan = await runTerraform(['plan', '-input=false', '-no-color', '-parallelism=30', '-out=initial.tfplan'], {
        cwd: synth.deliveryDir,
        env,
      });
      timings.initialPlan = plan.durationMs;
      const json = JSON.parse(
        (await runTerraform(['show', '-json', 'initial.tfplan'], { cwd: synth.deliveryDir, env })).stdout,
      ) as PlanJson;
      const actions = new Set(plannedChanges(json).flatMap((c) => c.actions));
      expect([...actions]).toEqual(['create']);
      expect(plannedChanges(json).length).toBeGreaterThan(40);
    },
    STEP_TIMEOUT,
  );

  it(
    'WHEN it is applied and a second apply starts meanwhile THEN the second fails on the lock and the first completes',
    async () => {
      const lockKey = `${synth.stateKey}.tflock`;
      const first = runTerraform(['apply', ...APPLY, 'initial.tfplan'], { cwd: synth.deliveryDir, env });
      let firstResult: TerraformResult | undefined;
      void first.then((r) => (firstResult = r)).catch(() => undefined);

      // Wait until the first apply holds the S3 lock object.
      const deadline = Date.now() + 60_000;
      while (!(await objectExists(lockKey))) {
        if (firstResult || Date.now() > deadline) throw new Error('the first apply never held the lock object');
        await sleep(200);
      }
      const second = await runTerraform(['apply', ...APPLY, '-lock-timeout=0s'], { cwd: synth.deliveryDir, env, allowExitCodes: [0, 1] });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/Error acquiring the state lock/);

      const applied = await first;
      timings.apply = applied.durationMs;
      expect(applied.stdout).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);
      expect(await objectExists(lockKey)).toBe(false);
    },
    STEP_TIMEOUT,
  );

  it(
    'THEN the state object is written to the bucket, versioned, and holds every resource',
    async () => {
      const versions = (await listVersions(synth.stateKey)).filter((v) => v.key === synth.stateKey && !v.deleteMarker);
      expect(versions.length).toBeGreaterThanOrEqual(1);
      const state = JSON.parse(await (await s3Get(`/${synth.stateKey}`)).text()) as {
        resources: { mode: string; type: string; name: string }[];
      };
      managedBeforeDestroy = state.resources.filter((r) => r.mode === 'managed').map((r) => `${r.type}.${r.name}`);
      expect(managedBeforeDestroy.length).toBeGreaterThan(40);
      expect((await stateAddresses(synth.deliveryDir, env)).filter((a) => !a.startsWith('data.')).sort()).toEqual(
        [...managedBeforeDestroy].sort(),
      );
      // Kept for the final check that the emulator holds none of these after destroy.
      stateCopy = join(work, 'pre-destroy.tfstate');
      writeFileSync(stateCopy, JSON.stringify(state));
    },
    STEP_TIMEOUT,
  );

  it(
    'WHEN planned again THEN it reports no changes (the read-back differences of stacks/emulator-gaps.ts are ignored there)',
    async () => {
      const plan = await runTerraform(
        ['plan', '-input=false', '-no-color', '-parallelism=30', '-detailed-exitcode', '-out=second.tfplan'],
        {
          cwd: synth.deliveryDir,
          env,
          allowExitCodes: [0, 2],
        },
      );
      timings.plan = plan.durationMs;
      const json = JSON.parse((await runTerraform(['show', '-json', 'second.tfplan'], { cwd: synth.deliveryDir, env })).stdout) as PlanJson;
      expect(plannedChanges(json)).toEqual([]);
      expect(plan.code).toBe(0);
    },
    STEP_TIMEOUT,
  );

  it(
    'WHEN the scaler changes the running task count THEN the next plan does not reset it',
    async () => {
      const { clusterName, serviceName } = synth.env.service;
      const scaled = synth.env.service.desiredCount + 1;
      // What Application Auto Scaling does on a scale-out: UpdateService with a new desired count.
      await ecsCall('UpdateService', { cluster: clusterName, service: serviceName, desiredCount: scaled });
      const plan = await runTerraform(['plan', '-input=false', '-no-color', '-parallelism=30', '-out=scaled.tfplan'], {
        cwd: synth.deliveryDir,
        env,
      });
      timings.scaledPlan = plan.durationMs;
      const json = JSON.parse((await runTerraform(['show', '-json', 'scaled.tfplan'], { cwd: synth.deliveryDir, env })).stdout) as PlanJson;
      const serviceChange = plannedChanges(json).find((c) => c.address.startsWith('aws_ecs_service.'));
      expect(serviceChange?.attributes ?? []).not.toContain('desired_count');
      expect(plannedChanges(json)).toEqual([]);
      const described = await ecsCall<{ services: { desiredCount: number }[] }>('DescribeServices', {
        cluster: clusterName,
        services: [serviceName],
      });
      expect(described.services[0]!.desiredCount).toBe(scaled);
    },
    STEP_TIMEOUT,
  );

  it(
    'WHEN destroyed THEN the state is empty and a new state version is written',
    async () => {
      const before = (await listVersions(synth.stateKey)).filter((v) => v.key === synth.stateKey && !v.deleteMarker).length;
      // -refresh=false: the two plans just before read every resource back and nothing changed
      // since; a third full refresh would only repeat them before the delete.
      timings.destroy = (await runTerraform(['destroy', ...APPLY, '-refresh=false'], { cwd: synth.deliveryDir, env })).durationMs;
      expect(await stateAddresses(synth.deliveryDir, env)).toEqual([]);
      const after = (await listVersions(synth.stateKey)).filter((v) => v.key === synth.stateKey && !v.deleteMarker).length;
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
      const config = JSON.parse(readFileSync(join(synth.deliveryDir, 'cdk.tf.json'), 'utf8')) as {
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
      expect(await ecsServiceStatus(synth.env.service.clusterName, synth.env.service.serviceName)).not.toBe('ACTIVE');
    },
    STEP_TIMEOUT,
  );

  it(
    'finally the state bucket is released (see gap s3-delete-markers) and the emulator stops',
    async () => {
      await forgetStateBucket(synth.bootstrapDir, env);
      expect(await stateAddresses(synth.bootstrapDir, env)).toEqual([]);
    },
    STEP_TIMEOUT,
  );
});
