/**
 * An interrupted apply is recoverable, on the emulator, with the operator's own commands:
 * `deploy:local` of dev is killed with SIGKILL while the ALB is being created (what was created
 * so far is in the account, not in state, and the S3 lock file stays behind). `unlock` refuses
 * while the apply runs; the next deploy stops on the lock with the recovery command instead of
 * Terraform's lock error; `recover` releases the lock and pins what the killed apply created; the
 * next deploy imports those and converges: one of everything, every resource in state, and a plan
 * with no changes.
 *
 * The tests in this file run in order and share one emulator.
 */
import { GetDistributionConfigCommand, ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeKeyCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportPins } from '../../config/imports';
import { loadEnvironment } from '../../config/load';
import { awsClients, type AwsClients } from '../../scripts/lib/adopt/aws';
import { emulatorAwsEnv, emulatorTerraformEnv, startEmulator, type Emulator } from '../../scripts/lib/emulator';
import { runProjectCommand, type CommandResult } from '../../scripts/lib/project-command';
import { lockHolders, readLock } from '../../scripts/lib/recover/lock';
import { deliveryStateKey } from '../../stacks/delivery-stack';
import { repoRoot, runTerraform } from '../../scripts/lib/terraform';
import { testRequiring } from '../helpers/terraform';

const it = testRequiring(['terraform', 'moto_server']);
const STEP_TIMEOUT = 300_000;
const dev = loadEnvironment('dev');
const stateKey = deliveryStateKey('dev');

let work: string;
let emulator: Emulator | undefined;
let clients: AwsClients;
let processEnv: NodeJS.ProcessEnv;
let killedDeploy: ChildProcess | undefined;
let killedOutput = '';
let killedPid: number;
const timings: Record<string, number> = {};

const deliveryDir = () => join(work, 'scratch', 'local', 'cdktf.out', 'stacks', 'delivery-dev');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs one of the project's commands from dist/, as `npm run <command>` runs it. */
function command(script: 'local' | 'unlock' | 'recover', args: readonly string[]): Promise<CommandResult> {
  return runProjectCommand(script, args, processEnv);
}

/** The live terraform applying dev on this test's emulator, once it runs. */
function applyingTerraform(): number | undefined {
  return lockHolders(dev.state.bucket, stateKey, emulator!.endpoint)?.find((h) => h.command.includes(' apply'))?.pid;
}

beforeAll(async () => {
  // The operator's commands run from dist/ (built once by __tests__/global-setup.js), as npm run runs them.
  work = mkdtempSync(join(tmpdir(), 'interrupted-apply-'));
  mkdirSync(join(work, 'config'));
  copyFileSync(join(repoRoot(), 'config', 'dev.json'), join(work, 'config', 'dev.json'));
  emulator = await startEmulator({ accountId: dev.account });
  processEnv = {
    ...process.env,
    ...emulatorAwsEnv(emulator.endpoint),
    FINTECH_CONFIG_DIR: join(work, 'config'),
    FINTECH_WORK_DIR: join(work, 'scratch'),
  };
  for (const [key, value] of Object.entries(processEnv)) if (value === undefined) delete processEnv[key];
  for (const [key, value] of Object.entries(emulatorAwsEnv(emulator.endpoint))) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  clients = awsClients(dev.region);
}, STEP_TIMEOUT);

afterAll(async () => {
  if (killedDeploy && killedDeploy.exitCode === null) killedDeploy.kill('SIGKILL');
  await emulator?.stop();
  if (Object.keys(timings).length > 0) {
    console.log(
      `interrupted apply timings: ${Object.entries(timings)
        .map(([k, v]) => `${k}=${v.toFixed(1)}s`)
        .join(' ')}`,
    );
  }
  rmSync(work, { recursive: true, force: true });
});

it(
  'GIVEN deploy:local applying dev WHEN the ALB is being created THEN unlock refuses to release the lock, naming the live apply',
  async () => {
    const started = Date.now();
    killedDeploy = spawn(process.execPath, [join(repoRoot(), 'dist', 'scripts', 'local.js'), 'deploy', 'dev'], {
      cwd: repoRoot(),
      env: processEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    killedDeploy.stdout!.on('data', (c: Buffer) => (killedOutput += c.toString()));
    killedDeploy.stderr!.on('data', (c: Buffer) => (killedOutput += c.toString()));
    for (;;) {
      if (killedDeploy.exitCode !== null) throw new Error(`deploy:local ended before the ALB was created:\n${killedOutput}`);
      const pid = applyingTerraform();
      const albs = pid ? ((await clients.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? []) : [];
      if (pid && albs.length > 0) {
        killedPid = pid;
        break;
      }
      await sleep(250);
    }
    timings.untilAlb = (Date.now() - started) / 1000;

    const unlock = await command('unlock', ['dev']);

    expect(unlock.code).toBe(1);
    expect(unlock.stdout).toMatch(/is locked by \S+@\S+ for apply/);
    expect(unlock.stderr).toContain(`its holder is still running: pid ${killedPid}`);
  },
  STEP_TIMEOUT,
);

it(
  'GIVEN the apply WHEN its terraform is killed with SIGKILL THEN deploy fails and the S3 lock file stays behind',
  async () => {
    const closed = new Promise((resolve) => killedDeploy!.on('close', resolve));
    process.kill(killedPid, 'SIGKILL');
    await closed;

    expect(killedDeploy!.exitCode).not.toBe(0);
    const lock = await readLock(clients.s3, dev.state.bucket, stateKey);
    expect(lock?.Operation).toBe('OperationTypeApply');
  },
  STEP_TIMEOUT,
);

it(
  'GIVEN the stale lock WHEN deploy:local runs again THEN it stops before Terraform, naming the lock and the recovery command',
  async () => {
    const again = await command('local', ['deploy', 'dev']);

    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/is locked by \S+ for apply, since .* lock ID [0-9a-f-]+/);
    expect(again.stderr).toContain('npm run recover -- dev');
    expect(again.stderr).not.toMatch(/Error acquiring the state lock/);
  },
  STEP_TIMEOUT,
);

it(
  'GIVEN the killed apply WHEN recover runs THEN it releases the lock and pins what the account holds and state lacks, the ALB included',
  async () => {
    const recover = await command('recover', ['dev']);
    timings.recover = recover.seconds;

    expect(recover.code).toBe(0);
    expect(recover.stdout).toMatch(/Released lock [0-9a-f-]+\./);
    expect(await readLock(clients.s3, dev.state.bucket, stateKey)).toBeUndefined();
    const pins = JSON.parse(readFileSync(join(work, 'config', 'dev.imports.json'), 'utf8')) as ImportPins;
    const pinned = Object.keys(pins.recovered);
    // The ALB was being created when the apply died: in the account, never in state.
    expect(pinned).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_lb\./)]));
    // Created by the killed apply, yet not in state: what the next apply would have created again.
    const state = await runTerraform(['state', 'list'], {
      cwd: deliveryDir(),
      env: emulatorTerraformEnv(emulator!),
      allowExitCodes: [0, 1],
    });
    const inState = state.stdout.split('\n').filter(Boolean);
    for (const address of pinned) expect(inState).not.toContain(address);
    // The VPC was created first: Terraform may or may not have persisted it before the kill (it
    // writes state at most every 20 s); either way it is in exactly one of the two.
    const vpcs = [...pinned, ...inState].filter((a) => /^aws_vpc\.[^.]+$/.test(a));
    expect(vpcs).toHaveLength(1);
  },
  STEP_TIMEOUT,
);

it(
  'GIVEN the pinned imports WHEN deploy:local runs again THEN it converges with one of everything and a plan with no changes',
  async () => {
    const deploy = await command('local', ['deploy', 'dev']);
    timings.deployAfterRecover = deploy.seconds;
    if (deploy.code !== 0)
      throw new Error(`deploy:local exited ${deploy.code}:\n${deploy.stdout.slice(-3000)}\n${deploy.stderr.slice(-5000)}`);

    expect(deploy.stdout).toMatch(/importing \d+ resources the interrupted apply left/);

    // One of each: nothing the killed apply created was created a second time.
    const vpcs = (await clients.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['fintech-dev-vpc'] }] }))).Vpcs;
    expect(vpcs).toHaveLength(1);
    const subnets = (await clients.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcs![0]!.VpcId!] }] })))
      .Subnets;
    expect(subnets).toHaveLength(4);
    const groups = (
      await clients.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcs![0]!.VpcId!] }] }))
    )
      .SecurityGroups!.map((g) => g.GroupName)
      .sort();
    expect(groups).toEqual(['default', 'fintech-dev-alb-80', 'fintech-dev-endpoints', 'fintech-dev-postgres', 'fintech-dev-tasks']);
    expect((await clients.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toHaveLength(1);
    const keys: string[] = [];
    for (const k of (await clients.kms.send(new ListKeysCommand({}))).Keys ?? []) {
      const meta = (await clients.kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata!;
      // The stack's keys (the emulator adds a "Default key" of its own for Secrets Manager).
      if (meta.KeyState !== 'PendingDeletion' && meta.Description?.startsWith('fintech-dev')) keys.push(meta.Description);
    }
    expect(keys.sort()).toEqual(['fintech-dev alarm notifications (SNS topic)', 'fintech-dev data tier, secrets and logs']);
    const comments: (string | undefined)[] = [];
    for (const d of (await clients.cloudfront.send(new ListDistributionsCommand({}))).DistributionList?.Items ?? []) {
      comments.push((await clients.cloudfront.send(new GetDistributionConfigCommand({ Id: d.Id }))).DistributionConfig?.Comment);
    }
    expect(comments.filter((c) => c === 'fintech-dev API')).toHaveLength(1);

    // Every resource of the stack is in state, and the stack and the account agree.
    const env = emulatorTerraformEnv(emulator!);
    const stack = JSON.parse(readFileSync(join(deliveryDir(), 'cdk.tf.json'), 'utf8')) as { resource: Record<string, object> };
    const declared = Object.entries(stack.resource).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`));
    const state = (await runTerraform(['state', 'list'], { cwd: deliveryDir(), env })).stdout
      .split('\n')
      .filter((a) => a && !a.startsWith('data.'));
    expect(state.sort()).toEqual(declared.sort());
    const plan = await runTerraform(
      [
        'plan',
        '-input=false',
        '-no-color',
        '-lock=false',
        '-parallelism=30',
        '-detailed-exitcode',
        '-var',
        `image_tag=${dev.service.imageTag ?? 'test'}`,
      ],
      { cwd: deliveryDir(), env, allowExitCodes: [0, 2] },
    );
    expect({ code: plan.code, changes: plan.code === 0 ? '' : plan.stdout.slice(-4000) }).toEqual({ code: 0, changes: '' });
  },
  STEP_TIMEOUT,
);
