/**
 * `npm run deploy:local` / `npm run destroy:local`: an environment on a local AWS emulator. deploy
 * starts moto_server on a free loopback port (greenfield environments), or uses the emulator at
 * AWS_ENDPOINT_URL when it is set (any environment whose references that emulator holds; it wins
 * over a session recorded in .tmp/local/), creates the state bucket with the bootstrap stack,
 * then applies the delivery stack with its real S3 backend on the emulator, and prints the
 * outputs. An environment without a default image tag takes IMAGE_TAG. The emulator keeps running
 * until destroy.
 *
 * Usage: node dist/scripts/local.js deploy|destroy [environment]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { attachEmulator, emulatorTerraformEnv, startEmulator, stopEmulatorProcess, type Emulator } from './lib/emulator';
import { describeLock, lockHolders, ownerStatus, readLock } from './lib/recover/lock';
import { deliveryStackName } from '../stacks/delivery-stack';
import { stateBootstrapStackName } from '../stacks/state-bootstrap-stack';
import { deployTargetProfile } from '../stacks/deploy-target';
import { forgetStateBucket, synthForEmulator, type EmulatorSynthResult } from './lib/local-stacks';
import { isAnswering, LOCAL_WORK_DIR, readSession, SESSION_FILE, type Session } from './lib/local-session';
import { initOnce, MissingPrerequisiteError, requireCommand, runTerraform, stateAddresses, TERRAFORM_INSTALL_HINT } from './lib/terraform';
import { runTerraformWithProgress } from './lib/terraform-progress-run';

const workDir = LOCAL_WORK_DIR;
const sessionFile = SESSION_FILE;

const APPLY_FLAGS = ['-auto-approve', '-input=false', '-no-color', '-parallelism=30'];

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

/**
 * A lock left by an interrupted run stops deploy before Terraform's own "Error acquiring the state
 * lock", with who holds it and the command that recovers (scripts/recover.ts).
 */
async function refuseStaleLock(bucket: string, stateKey: string, environment: string, endpoint: string): Promise<void> {
  // The SDK warns once per process that later releases need Node 22; the pinned one does not.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const lock = await readLock(s3, bucket, stateKey);
  s3.destroy();
  if (!lock) return;
  const alive = ownerStatus(lock, lockHolders(bucket, stateKey, endpoint)).state === 'alive';
  throw new MissingPrerequisiteError(
    `${describeLock(lock, `s3://${bucket}/${stateKey}`)}.\n` +
      (alive
        ? 'Another run is applying this environment now: wait for it.'
        : `The run that took it was interrupted: npm run recover -- ${environment} releases it and finds what it created, then deploy again.`),
  );
}

/**
 * After `npm run recover`, first an apply of only what the interrupted apply left (its import
 * blocks, and what they need), then the full apply. An imported resource may change an attribute
 * others already planned with: an imported database is modified to manage its password again
 * (the provider does not read that flag back), and the emulator then mints a new secret, which the
 * task definition planned with the old ARN would reject ("inconsistent final plan").
 */
async function takeOverRecovered(synth: EmulatorSynthResult, env: NodeJS.ProcessEnv, imageTag: string): Promise<void> {
  const recorded = new Set(await stateAddresses(synth.deliveryDir, env));
  const pending = synth.adoptions.filter((a) => a.source === 'recovered' && !recorded.has(a.address));
  if (pending.length === 0) return;
  log(`importing ${pending.length} resources the interrupted apply left (config/${synth.env.name}.imports.json), before the full apply...`);
  await runTerraformWithProgress(
    ['apply', ...APPLY_FLAGS, '-var', `image_tag=${imageTag}`, ...pending.map((a) => `-target=${a.address}`)],
    { cwd: synth.deliveryDir, env },
    { label: `import into ${deliveryStackName(synth.env.name)}` },
  );
}

async function deploy(environment: string | undefined): Promise<void> {
  requireCommand('terraform', TERRAFORM_INSTALL_HINT);
  mkdirSync(workDir, { recursive: true });
  const started = Date.now();

  const external = process.env.AWS_ENDPOINT_URL?.trim() || undefined;
  let session = readSession();
  if (session && (external !== undefined || !(await isAnswering(session.endpoint)))) session = undefined;
  const synth = synthForEmulator({
    outdir: join(workDir, 'cdktf.out'),
    environment: environment || session?.environment || undefined,
    external: external !== undefined,
  });
  log(`synthesized ${synth.env.name} for the emulator into ${join(workDir, 'cdktf.out')}`);
  // The emulator answers as the environment's account, so allowed_account_ids holds there too.
  const account = synth.env.account;
  let emulator: Emulator;
  if (!session) {
    emulator = await startEmulator({ persistLogFile: join(workDir, 'moto.log'), accountId: account });
    session = { endpoint: emulator.endpoint, pid: emulator.owned ? emulator.pid : undefined, environment: synth.env.name };
    log(`emulator: ${emulator.owned ? 'started moto_server' : 'using AWS_ENDPOINT_URL'} at ${emulator.endpoint}, as account ${account}`);
  } else {
    emulator = await attachEmulator(session.endpoint, { accountId: account }).catch((err: unknown) => {
      throw new Error(`${err instanceof Error ? err.message : String(err)}; or run npm run destroy:local first.`);
    });
    log(`emulator: reusing ${session.endpoint}, as account ${account}`);
  }
  try {
    await deployTo(emulator, session, synth, started);
  } finally {
    // Closes this process's Step Functions front; a moto_server started here keeps running.
    await emulator.release();
  }
}

async function deployTo(emulator: Emulator, session: Session, synth: EmulatorSynthResult, started: number): Promise<void> {
  session.environment = synth.env.name;
  if (synth.adoptions.some((a) => a.source === 'variable')) {
    throw new MissingPrerequisiteError(
      `${synth.env.name} adopts a distribution whose ID is not pinned: run npm run adopt -- ${synth.env.name} against this emulator first (AWS_ENDPOINT_URL=${session.endpoint}).`,
    );
  }
  const imageTag = synth.env.service.imageTag ?? process.env.IMAGE_TAG;
  if (imageTag === undefined) {
    throw new MissingPrerequisiteError(
      `${synth.env.name} sets no default image tag (service.imageTag): name the release, e.g. IMAGE_TAG=v1.4.2 npm run deploy:local -- ${synth.env.name}`,
    );
  }
  writeFileSync(sessionFile, `${JSON.stringify(session, null, 2)}\n`);

  const env = emulatorTerraformEnv(emulator);
  await initOnce(synth.bootstrapDir, { backend: true, env });
  await runTerraformWithProgress(
    ['apply', ...APPLY_FLAGS],
    { cwd: synth.bootstrapDir, env },
    { label: `apply ${stateBootstrapStackName(synth.env.name)}` },
  );
  log(`state bucket ${synth.env.state.bucket} ready`);

  await initOnce(synth.deliveryDir, { backend: true, env });
  await refuseStaleLock(synth.env.state.bucket, synth.stateKey, synth.env.name, session.endpoint);
  await takeOverRecovered(synth, env, imageTag);
  log('applying the delivery stack (the provider waits ~60 s for the ALB and ~80 s for the database)...');
  await runTerraformWithProgress(
    ['apply', ...APPLY_FLAGS, '-var', `image_tag=${imageTag}`],
    { cwd: synth.deliveryDir, env },
    { label: `apply ${deliveryStackName(synth.env.name)}` },
  );

  const outputs = JSON.parse((await runTerraform(['output', '-json'], { cwd: synth.deliveryDir, env })).stdout) as Record<
    string,
    { value: unknown }
  >;
  log('\nOutputs:');
  for (const [name, { value }] of Object.entries(outputs)) log(`  ${name} = ${JSON.stringify(value)}`);
  const delivery = (await stateAddresses(synth.deliveryDir, env)).filter((a) => !a.startsWith('data.'));
  const bootstrap = (await stateAddresses(synth.bootstrapDir, env)).filter((a) => !a.startsWith('data.'));
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const adopted = synth.adoptions.length;
  log(
    `\n${delivery.length + bootstrap.length} resources on the emulator after ${seconds} s ` +
      `(${delivery.length} in delivery-${synth.env.name}${adopted > 0 ? `, ${adopted} of them imported` : ''}, ` +
      `${bootstrap.length} in the state bootstrap). Tear down with: npm run destroy:local`,
  );
}

async function destroy(): Promise<void> {
  const session = readSession();
  if (!session) {
    log('Nothing to destroy: no local deployment is recorded (.tmp/local/emulator.json).');
    return;
  }
  requireCommand('terraform', TERRAFORM_INSTALL_HINT);
  if (await isAnswering(session.endpoint)) {
    const synth = synthForEmulator({
      outdir: join(workDir, 'cdktf.out'),
      environment: session.environment || undefined,
      external: session.pid === undefined,
    });
    const emulator = await attachEmulator(session.endpoint);
    const env = emulatorTerraformEnv(emulator);
    try {
      await initOnce(synth.deliveryDir, { backend: true, env });
      const imageTag = synth.env.service.imageTag ?? process.env.IMAGE_TAG ?? 'destroy';
      await runTerraformWithProgress(
        ['destroy', ...APPLY_FLAGS, '-var', `image_tag=${imageTag}`],
        { cwd: synth.deliveryDir, env },
        { label: `destroy ${deliveryStackName(synth.env.name)}` },
      );
    } finally {
      await emulator.release();
    }
    log(`destroyed delivery-${synth.env.name} on ${session.endpoint}`);
    if (deployTargetProfile('emulator').settings.stateBucketTeardown === 'forget') {
      // Gap s3-delete-markers (stacks/emulator-gaps.ts): the bucket is discarded with the emulator.
      await forgetStateBucket(synth.bootstrapDir, env);
      log(`forgot the state bucket ${synth.env.state.bucket} (it goes with the emulator)`);
    } else {
      await initOnce(synth.bootstrapDir, { backend: true, env });
      await runTerraformWithProgress(
        ['destroy', ...APPLY_FLAGS],
        { cwd: synth.bootstrapDir, env },
        { label: `destroy ${stateBootstrapStackName(synth.env.name)}` },
      );
      log(`destroyed the state bucket ${synth.env.state.bucket}`);
    }
  } else {
    log(`The emulator at ${session.endpoint} is gone (its state went with it).`);
  }
  if (session.pid !== undefined && (await stopEmulatorProcess(session.pid))) log('stopped moto_server');
  rmSync(sessionFile, { force: true });
  rmSync(join(workDir, 'cdktf.out', 'stacks'), { recursive: true, force: true });
}

async function main(): Promise<void> {
  const [command, environment] = process.argv.slice(2);
  if (command === 'deploy') return deploy(environment);
  if (command === 'destroy') return destroy();
  throw new MissingPrerequisiteError(`usage: local.js deploy|destroy [environment] (got "${command ?? ''}")`);
}

main().catch((err: unknown) => {
  if (err instanceof MissingPrerequisiteError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
