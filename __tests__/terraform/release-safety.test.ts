/**
 * Release safety on the local AWS emulator, with the real terraform and provider, on one apply of
 * the dev stack (its S3 backend on the emulator):
 *
 * - rotation restarts: the EventBridge rule, its Step Functions target and roles are deployed, and
 *   the emulator's own EventBridge matcher, run on the deployed pattern, picks exactly the events
 *   that change an injected secret's value;
 * - drift (`npm run drift -- dev --emulator`, the real command): a target-group health check and a
 *   security-group rule changed with the SDK are both reported (exit 2); restored, it is clean (0);
 * - rollbacks: after a release, the SDK sets the service back to the previous revision as the
 *   deployment circuit breaker does; the next plan and the drift report name both revisions; and an
 *   apply that waits for the deployment fails when the breaker rolls its release back meanwhile.
 *
 * The tests run in order and share one emulator; the emulator is discarded at the end (no destroy:
 * the emulator cycle test covers that).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriftReport } from '../../scripts/lib/drift';
import { emulatorTerraformEnv, startEmulator, type Emulator } from '../../scripts/lib/emulator';
import { synthForEmulator, type EmulatorSynthResult } from '../../scripts/lib/local-stacks';
import { releaseMismatches, renderReleaseMismatches } from '../../scripts/lib/release-state';
import { initOnce, runTerraform, stateResources, type TerraformStateResource } from '../../scripts/lib/terraform';
import {
  awsJson,
  describeEcsService,
  eventsMatchedBy,
  modifyHealthCheckPath,
  modifyIngressRulePort,
  s3Request,
  updateEcsService,
} from '../helpers/emulator-api';
import { testRequiring } from '../helpers/terraform';

const it = testRequiring(['terraform', 'moto_server']);
const APPLY = ['-auto-approve', '-input=false', '-no-color', '-parallelism=30'];
const STEP_TIMEOUT = 300_000;
const root = join(__dirname, '../..');

let work: string;
let emulator: Emulator | undefined;
let synth: EmulatorSynthResult;
let env: NodeJS.ProcessEnv;
let resources: TerraformStateResource[];
const timings: Record<string, number> = {};

const cluster = (): string => synth.env.service.clusterName;
const serviceName = (): string => synth.env.service.serviceName;
const endpoint = (): string => emulator!.endpoint;

function resource(type: string, nameFragment = ''): Record<string, unknown> {
  const found = resources.filter((r) => r.type === type && r.name.includes(nameFragment));
  if (found.length !== 1) throw new Error(`expected one ${type} *${nameFragment}* in the state, found ${found.length}`);
  return found[0]!.values;
}

async function timed<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await run();
  } finally {
    timings[name] = (timings[name] ?? 0) + (Date.now() - started);
  }
}

/** `npm run drift -- dev --emulator` (the built command), against this test's emulator. */
async function runDrift(name: string): Promise<{ code: number | null; stdout: string; report: DriftReport }> {
  const out = join(work, `drift-${name}`);
  return timed(`drift:${name}`, async () => {
    const child = spawn(process.execPath, [join(root, 'dist/scripts/drift.js'), synth.env.name, '--emulator', `--out=${out}`], {
      cwd: root,
      env: { ...process.env, AWS_ENDPOINT_URL: endpoint() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0 && code !== 2) throw new Error(`drift exited ${code}:\n${stderr}\n${stdout}`);
    return { code, stdout, report: JSON.parse(readFileSync(join(out, 'drift.json'), 'utf8')) as DriftReport };
  });
}

/** The path a drift report gives for each changed attribute of `address`. */
function driftedPaths(report: DriftReport, address: string): string[] {
  return report.drifted
    .filter((d) => d.address === address)
    .flatMap((d) => d.changes.map((c) => `${c.path}: ${String(c.before)} -> ${String(c.after)}`));
}

beforeAll(() => {
  // The drift command runs from dist/, built once by __tests__/global-setup.js.
  work = mkdtempSync(join(tmpdir(), 'release-safety-'));
  synth = synthForEmulator({ outdir: join(work, 'cdktf.out'), deliveryBackend: 's3' });
});

afterAll(async () => {
  await emulator?.stop();
  if (Object.keys(timings).length > 0) {
    const line = Object.entries(timings)
      .map(([k, v]) => `${k}=${(v / 1000).toFixed(1)}s`)
      .join(' ');
    console.log(`release safety timings: ${line}`);
  }
  rmSync(work, { recursive: true, force: true });
});

describe('release safety of the dev stack on the local AWS emulator', () => {
  it(
    'GIVEN a state bucket WHEN dev is applied THEN the restart rule targets its state machine with the events role',
    async () => {
      emulator = await startEmulator();
      env = emulatorTerraformEnv(emulator);
      // The state bucket, made directly: the bootstrap stack's own apply is the emulator cycle's business.
      await s3Request(endpoint(), 'PUT', `/${synth.env.state.bucket}`);
      await initOnce(synth.deliveryDir, { backend: true, env });
      timings.apply = (await runTerraform(['apply', ...APPLY], { cwd: synth.deliveryDir, env })).durationMs;
      resources = await stateResources(synth.deliveryDir, env);

      const rule = resource('aws_cloudwatch_event_rule', 'secret-restart');
      const { Targets: targets } = await awsJson<{ Targets: { Arn: string; RoleArn: string }[] }>(endpoint(), {
        service: 'events',
        target: 'AWSEvents.ListTargetsByRule',
        body: { Rule: rule.name },
      });
      expect(targets).toEqual([
        expect.objectContaining({
          Arn: resource('aws_sfn_state_machine', 'secret-restart').arn,
          RoleArn: resource('aws_iam_role', 'secret-restart_events-role').arn,
        }),
      ]);
    },
    STEP_TIMEOUT,
  );

  it(
    "WHEN the emulator's EventBridge runs the deployed pattern THEN a finished rotation and a hand-put value of an injected secret match; an AWSPENDING put, another secret and a stage move do not",
    async () => {
      const pattern = String(resource('aws_cloudwatch_event_rule', 'secret-restart').event_pattern);
      const dbSecret = (resource('aws_db_instance').master_user_secret as { secret_arn: string }[])[0]!.secret_arn;
      const apiKey = resource('aws_secretsmanager_secret', 'api-key');
      const originVerify = resource('aws_secretsmanager_secret', 'origin-verification');
      const apiCall = (eventName: string, requestParameters: object, sample: string) => ({
        source: 'aws.secretsmanager',
        detailType: 'AWS API Call via CloudTrail',
        detail: { eventSource: 'secretsmanager.amazonaws.com', eventName, requestParameters, sample },
      });
      const matched = await eventsMatchedBy(endpoint(), pattern, [
        {
          source: 'aws.secretsmanager',
          detailType: 'AWS Service Event via CloudTrail',
          detail: {
            eventSource: 'secretsmanager.amazonaws.com',
            eventName: 'RotationSucceeded',
            additionalEventData: { SecretId: dbSecret },
            sample: 'rds-rotation',
          },
        },
        apiCall('PutSecretValue', { secretId: apiKey.name }, 'api-key-put-by-name'),
        apiCall('PutSecretValue', { secretId: dbSecret, versionStages: ['AWSPENDING'] }, 'rotation-pending-put'),
        apiCall('UpdateSecret', { secretId: apiKey.arn }, 'api-key-update-by-arn'),
        apiCall('PutSecretValue', { secretId: originVerify.name }, 'origin-verify-put'),
        apiCall('UpdateSecretVersionStage', { secretId: dbSecret, versionStage: 'AWSCURRENT' }, 'stage-move'),
      ]);
      expect(matched).toEqual(['api-key-put-by-name', 'api-key-update-by-arn', 'rds-rotation']);
    },
    STEP_TIMEOUT,
  );

  it(
    'WHEN a target-group health check and a security-group rule are changed with the SDK THEN npm run drift reports both and exits 2',
    async () => {
      const targetGroup = resource('aws_lb_target_group');
      const rule = resource('aws_vpc_security_group_ingress_rule', 'endpoints-from-tasks');
      await modifyHealthCheckPath(endpoint(), String(targetGroup.arn), '/drifted');
      await modifyIngressRulePort(endpoint(), rule, 8443);

      const { code, stdout, report } = await runDrift('changed');
      expect(code).toBe(2);
      const tg = resources.find((r) => r.type === 'aws_lb_target_group')!.address;
      const sgr = resources.find(
        (r) => r.type === 'aws_vpc_security_group_ingress_rule' && r.name.includes('endpoints-from-tasks'),
      )!.address;
      expect(driftedPaths(report, tg)).toEqual(['health_check[0].path: /health -> /drifted']);
      expect(driftedPaths(report, sgr)).toEqual(['from_port: 443 -> 8443', 'to_port: 443 -> 8443']);
      expect(stdout).toContain('`health_check[0].path`: "/health" → "/drifted"');
    },
    STEP_TIMEOUT,
  );

  it(
    'WHEN both are restored THEN npm run drift reports no drift and exits 0',
    async () => {
      await modifyHealthCheckPath(endpoint(), String(resource('aws_lb_target_group').arn), '/health');
      await modifyIngressRulePort(endpoint(), resource('aws_vpc_security_group_ingress_rule', 'endpoints-from-tasks'), 443);
      const { code, report } = await runDrift('restored');
      expect(report.drifted).toEqual([]);
      expect(report.failedChecks).toEqual([]);
      expect(code).toBe(0);
    },
    STEP_TIMEOUT,
  );

  it(
    'GIVEN release 2 applied WHEN the circuit breaker sets the service back to release 1 THEN the next plan says so, naming both revisions',
    async () => {
      timings.release2 = (await runTerraform(['apply', ...APPLY, '-var', 'image_tag=0.2.0'], { cwd: synth.deliveryDir, env })).durationMs;
      resources = await stateResources(synth.deliveryDir, env);
      const family = synth.env.service.taskFamily;
      expect(String(resource('aws_ecs_task_definition').arn)).toMatch(new RegExp(`:task-definition/${family}:2$`));
      // What the breaker does to a failed deployment: the service runs the previous revision again.
      const previous = String(resource('aws_ecs_task_definition').arn).replace(/:2$/, ':1');
      await updateEcsService(endpoint(), { cluster: cluster(), service: serviceName(), taskDefinition: previous });

      const plan = await timed('plan', () =>
        runTerraform(['plan', '-input=false', '-no-color', '-parallelism=30', '-var', 'image_tag=0.2.0', '-out=rolled-back.tfplan'], {
          cwd: synth.deliveryDir,
          env,
        }),
      );
      expect(plan.code).toBe(0);
      const json = JSON.parse(
        (await runTerraform(['show', '-json', 'rolled-back.tfplan'], { cwd: synth.deliveryDir, env })).stdout,
      ) as Parameters<typeof releaseMismatches>[0];
      expect(releaseMismatches(json)).toEqual([expect.objectContaining({ running: `${family}:1`, registered: `${family}:2` })]);
      expect(renderReleaseMismatches(releaseMismatches(json))).toContain(
        `runs \`${family}:1\`, not \`${family}:2\` that the last apply registered`,
      );
    },
    STEP_TIMEOUT,
  );

  it(
    "THEN npm run drift reports the rollback (the release postcondition fails against the live service) and lists the task definition as the deployment's, not drift",
    async () => {
      const { code, report } = await runDrift('rolled-back');
      expect(code).toBe(2);
      expect(report.drifted).toEqual([]);
      const family = synth.env.service.taskFamily;
      expect(report.failedChecks).toEqual([
        {
          address: expect.stringMatching(/^aws_ecs_service\./),
          messages: [
            expect.stringMatching(
              new RegExp(
                `^Release not running: ECS service ${serviceName()} runs \\S+:task-definition/${family}:1, not \\S+:task-definition/${family}:2,`,
              ),
            ),
          ],
        },
      ]);
      expect(report.ownedElsewhere).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: 'task_definition', owner: expect.stringContaining('circuit breaker') })]),
      );
    },
    STEP_TIMEOUT,
  );

  it(
    'GIVEN an apply that waits for the deployment WHEN the breaker rolls its release back meanwhile THEN the apply fails, naming both task definitions',
    async () => {
      // The emulator profile turns the wait off (gap ecs-tasks-never-run: no task ever runs there). Here it is
      // on, and this test plays ECS: once the service points at the new revision, the breaker puts it back
      // and the service becomes stable (running = desired) on the old one.
      const file = join(synth.deliveryDir, 'cdk.tf.json');
      const config = JSON.parse(readFileSync(file, 'utf8')) as { resource: Record<string, Record<string, Record<string, unknown>>> };
      for (const service of Object.values(config.resource.aws_ecs_service!))
        Object.assign(service, { wait_for_steady_state: true, timeouts: { update: '3m' } });
      writeFileSync(file, JSON.stringify(config));

      const previous = (await describeEcsService(endpoint(), cluster(), serviceName())).taskDefinition;
      const apply = runTerraform(['apply', ...APPLY, '-var', 'image_tag=0.3.0'], { cwd: synth.deliveryDir, env, allowExitCodes: [0, 1] });
      let done = false;
      void apply.finally(() => (done = true)).catch(() => undefined);
      let rolledBackFrom: string | undefined;
      while (!done && rolledBackFrom === undefined) {
        const running = (await describeEcsService(endpoint(), cluster(), serviceName())).taskDefinition;
        if (running !== previous) {
          rolledBackFrom = running;
          await updateEcsService(endpoint(), {
            cluster: cluster(),
            service: serviceName(),
            taskDefinition: previous,
            desiredCount: synth.env.service.desiredCount,
          });
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      const result = await apply;
      timings.rolledBackApply = result.durationMs;
      expect(rolledBackFrom).toMatch(/:3$/);
      expect(result.code).toBe(1);
      const message = result.stderr.replace(/\s+/g, ' ');
      expect(message).toContain('Resource postcondition failed');
      expect(message).toContain(
        `Release not running: ECS service ${serviceName()} runs ${previous}, not ${rolledBackFrom}, the task definition Terraform registered for it.`,
      );
    },
    STEP_TIMEOUT,
  );
});
