/**
 * `npm run deploy:local` / `npm run destroy:local`: the greenfield environment on the local AWS
 * emulator. deploy starts moto_server on a free loopback port (or uses AWS_ENDPOINT_URL), creates
 * the state bucket with the bootstrap stack, then applies the delivery stack with its real S3
 * backend on the emulator, and prints the outputs. The emulator keeps running until destroy.
 *
 * Usage: node dist/scripts/local.js deploy|destroy [environment]
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emulatorTerraformEnv, startEmulator, stopEmulatorProcess } from './lib/emulator';
import { deliveryStackName } from '../stacks/delivery-stack';
import { deployTargetProfile } from '../stacks/deploy-target';
import { stateBootstrapStackName } from '../stacks/state-bootstrap-stack';
import { forgetStateBucket, synthForEmulator } from './lib/local-stacks';
import { runTerraformWithProgress } from './lib/terraform-progress-run';
import {
  initOnce,
  MissingPrerequisiteError,
  repoRoot,
  requireCommand,
  runTerraform,
  stateAddresses,
  TERRAFORM_INSTALL_HINT,
} from './lib/terraform';

const workDir = join(repoRoot(), '.tmp', 'local');
const sessionFile = join(workDir, 'emulator.json');

interface Session {
  endpoint: string;
  /** PID of the moto_server this command started; absent for AWS_ENDPOINT_URL. */
  pid?: number;
  environment: string;
}

const APPLY_FLAGS = ['-auto-approve', '-input=false', '-no-color', '-parallelism=30'];

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

async function isAnswering(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2_000) });
    return res.ok;
  } catch {
    return false;
  }
}

function readSession(): Session | undefined {
  if (!existsSync(sessionFile)) return undefined;
  return JSON.parse(readFileSync(sessionFile, 'utf8')) as Session;
}

async function deploy(environment: string | undefined): Promise<void> {
  requireCommand('terraform', TERRAFORM_INSTALL_HINT);
  mkdirSync(workDir, { recursive: true });
  const started = Date.now();

  let session = readSession();
  if (session && !(await isAnswering(session.endpoint))) session = undefined;
  if (!session) {
    const emulator = await startEmulator({ persistLogFile: join(workDir, 'moto.log') });
    session = { endpoint: emulator.endpoint, pid: emulator.owned ? emulator.pid : undefined, environment: environment ?? '' };
    log(`emulator: ${emulator.owned ? 'started moto_server' : 'using AWS_ENDPOINT_URL'} at ${emulator.endpoint}`);
  } else {
    log(`emulator: reusing ${session.endpoint}`);
  }

  const synth = synthForEmulator({ outdir: join(workDir, 'cdktf.out'), environment: environment || session.environment || undefined });
  session.environment = synth.env.name;
  writeFileSync(sessionFile, `${JSON.stringify(session, null, 2)}\n`);
  log(`synthesized ${synth.env.name} for the emulator into ${join(workDir, 'cdktf.out')}`);

  const env = emulatorTerraformEnv(session.endpoint);
  await initOnce(synth.bootstrapDir, { backend: true, env });
  await runTerraformWithProgress(
    ['apply', ...APPLY_FLAGS],
    { cwd: synth.bootstrapDir, env },
    { label: `apply ${stateBootstrapStackName(synth.env.name)}` },
  );
  log(`state bucket ${synth.env.state.bucket} ready`);

  await initOnce(synth.deliveryDir, { backend: true, env });
  log('applying the delivery stack (the provider waits ~60 s for the ALB and ~80 s for the database)...');
  await runTerraformWithProgress(
    ['apply', ...APPLY_FLAGS],
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
  log(
    `\nCreated ${delivery.length + bootstrap.length} resources on the emulator in ${seconds} s ` +
      `(${delivery.length} in delivery-${synth.env.name}, ${bootstrap.length} in the state bootstrap). ` +
      `Tear down with: npm run destroy:local`,
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
    const synth = synthForEmulator({ outdir: join(workDir, 'cdktf.out'), environment: session.environment || undefined });
    const env = emulatorTerraformEnv(session.endpoint);
    await initOnce(synth.deliveryDir, { backend: true, env });
    await runTerraformWithProgress(
      ['destroy', ...APPLY_FLAGS],
      { cwd: synth.deliveryDir, env },
      { label: `destroy ${deliveryStackName(synth.env.name)}` },
    );
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
