/**
 * The production cut-over, rehearsed on an emulator: the seed's estate built with the
 * architecture document's commands, the production environment file with its IDs mapped to what
 * the emulator assigned, then the commands an operator runs — adopt, plan (with the safety gate),
 * apply, plan again — and the checks that everything that existed kept its identity. Used by
 * `npm run rehearse` and by the rehearsal test.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emulatorAwsEnv, emulatorTerraformEnv, startEmulator, type Emulator } from '../emulator';
import { repoRoot, runTerraform, type TerraformResult } from '../terraform';
import { runProjectCommand, type CommandResult } from '../project-command';

export type { CommandResult } from '../project-command';
import { awsClients, type AwsClients } from '../adopt/aws';
import { buildSeedEstate, type SeedEstate } from './seed-estate';

/** The production account, which the emulator answers as during the rehearsal. */
export const PRODUCTION_ACCOUNT = '296674251987';

export interface Rehearsal {
  readonly emulator: Emulator;
  readonly work: string;
  /** Where the generated environment file (and the imports file adopt writes) live. */
  readonly configDir: string;
  readonly planDir: string;
  readonly clients: AwsClients;
  readonly estate: SeedEstate;
  /** Environment of the operator's commands: the emulator's endpoint and credentials, the config dir. */
  readonly processEnv: NodeJS.ProcessEnv;
  /** Terraform's environment against the emulator. */
  readonly terraformEnv: NodeJS.ProcessEnv;
}

/** Starts an emulator that answers as the production account and builds the seed's estate on it. */
export async function prepareRehearsal(work: string, options: { readonly keepEmulator?: boolean } = {}): Promise<Rehearsal> {
  mkdirSync(work, { recursive: true });
  const emulator = await startEmulator({
    env: { MOTO_ACCOUNT_ID: PRODUCTION_ACCOUNT },
    // A kept emulator outlives this process (for inspection after a failure).
    ...(options.keepEmulator ? { persistLogFile: join(work, 'moto.log') } : {}),
  });
  const processEnv = { ...process.env, ...emulatorAwsEnv(emulator.endpoint), FINTECH_CONFIG_DIR: join(work, 'config') };
  // The SDK reads the endpoint and credentials from the environment: set them for this process too.
  for (const [key, value] of Object.entries(emulatorAwsEnv(emulator.endpoint))) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const clients = awsClients('us-east-1');
  try {
    const estate = await buildSeedEstate(clients, emulator.endpoint);
    const configDir = join(work, 'config');
    mkdirSync(configDir, { recursive: true });
    return {
      emulator,
      work,
      configDir,
      planDir: join(work, 'plan'),
      clients,
      estate,
      processEnv,
      terraformEnv: emulatorTerraformEnv(emulator),
    };
  } catch (err) {
    await emulator.stop();
    throw err;
  }
}

/** Mutations of the production file for the rehearsal (e.g. the change the gate must refuse). */
export type EnvironmentEdit = (file: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Writes `production.json` into the rehearsal's config dir: the checked-in file with every ID of
 * the running system replaced by what the emulator assigned (it cannot reproduce IDs).
 */
export function writeRehearsalEnvironment(r: Rehearsal, edit?: EnvironmentEdit): void {
  const file = JSON.parse(readFileSync(join(repoRoot(), 'config', 'production.json'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const e = r.estate;
  file.network.vpcId = e.vpcId;
  file.network.taskSubnetIds = [...e.taskSubnetIds];
  file.network.loadBalancerSubnetIds = [...e.loadBalancerSubnetIds];
  file.dataServices.kmsKeyId = e.kmsKeyId;
  file.existing.securityGroups = { loadBalancer: e.loadBalancerSecurityGroupId, tasks: e.taskSecurityGroupId };
  file.existing.distribution = { domainName: e.distributionDomainName };
  edit?.(file);
  writeFileSync(join(r.configDir, 'production.json'), `${JSON.stringify(file, null, 2)}\n`);
}

/** Runs one of the project's commands (`adopt`, `plan`) as an operator would, against the emulator. */
export function runCommand(r: Rehearsal, script: 'adopt' | 'plan', args: readonly string[]): Promise<CommandResult> {
  return runProjectCommand(script, args, { ...r.processEnv, IMAGE_TAG: r.estate.imageTag });
}

/** The delivery stack's directory in the plan output. */
export function deliveryDir(r: Rehearsal): string {
  return join(r.planDir, 'cdktf.out', 'stacks', 'delivery-production');
}

/** Applies the plan that `plan` saved for the delivery stack. */
export function applyPlan(r: Rehearsal): Promise<TerraformResult> {
  return runTerraform(
    ['apply', '-auto-approve', '-input=false', '-no-color', '-parallelism=30', join(r.planDir, 'delivery-production.tfplan')],
    {
      cwd: deliveryDir(r),
      env: r.terraformEnv,
    },
  );
}

/** Plans the delivery stack again; exit code 0 means no changes (-detailed-exitcode). */
export function planAgain(r: Rehearsal): Promise<TerraformResult> {
  return runTerraform(
    [
      'plan',
      '-input=false',
      '-no-color',
      '-parallelism=30',
      '-detailed-exitcode',
      '-var',
      `image_tag=${r.estate.imageTag}`,
      '-out=again.tfplan',
    ],
    { cwd: deliveryDir(r), env: r.terraformEnv, allowExitCodes: [0, 2] },
  );
}
