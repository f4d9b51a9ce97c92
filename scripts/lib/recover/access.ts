/**
 * Access to an environment's delivery state for unlock and recover: the stack synthesized and
 * initialised with its S3 backend (on the emulator the state lives on, or on AWS), the SDK clients
 * for the same account, and the lock release that refuses while its holder still runs.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import { loadImports } from '../../../config/imports';
import { CONFIG_DIR, loadEnvironment } from '../../../config/load';
import type { EnvironmentConfig } from '../../../config/schema';
import { buildApp } from '../../../stacks/app';
import { deliveryStackName, deliveryStateKey } from '../../../stacks/delivery-stack';
import { awsClients, type AwsClients } from '../adopt/aws';
import { emulatorAwsEnv, emulatorTerraformEnv } from '../emulator';
import { emulatorEndpointFor, WORK_ROOT } from '../local-session';
import { synthForEmulator } from '../local-stacks';
import { initOnce, projectTerraformEnv, runTerraform } from '../terraform';
import { describeLock, lockHolders, ownerStatus, readLock, type LockInfo } from './lock';

export interface StateAccess {
  readonly env: EnvironmentConfig;
  /** The emulator the state lives on; undefined for AWS. */
  readonly endpoint?: string;
  /** Terraform's environment for the backend and the provider. */
  readonly tfEnv: NodeJS.ProcessEnv;
  /** The initialised delivery stack. */
  readonly deliveryDir: string;
  readonly bucket: string;
  readonly stateKey: string;
  readonly clients: AwsClients;
}

/** Synthesizes and initialises the delivery stack of `envName` under .tmp/<purpose>/<env>/ (see WORK_ROOT). */
export async function openState(envName: string, purpose: string): Promise<StateAccess> {
  const env = loadEnvironment(envName);
  const endpoint = emulatorEndpointFor(env.name);
  const outdir = join(WORK_ROOT, purpose, env.name);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  let deliveryDir: string;
  if (endpoint) {
    // The SDK clients read the endpoint and the emulator's credentials from the environment.
    for (const [k, v] of Object.entries(emulatorAwsEnv(endpoint))) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    deliveryDir = synthForEmulator({ outdir, environment: env.name, external: true }).deliveryDir;
  } else {
    const imports = loadImports(env, CONFIG_DIR);
    const app = new App({ outdir });
    buildApp(app, [env], { target: 'aws', imports: imports ? new Map([[env.name, imports]]) : undefined });
    app.synth();
    deliveryDir = join(outdir, 'stacks', deliveryStackName(env.name));
  }
  const tfEnv = endpoint ? emulatorTerraformEnv(endpoint) : projectTerraformEnv();
  await initOnce(deliveryDir, { backend: true, env: tfEnv });
  return {
    env,
    endpoint,
    tfEnv,
    deliveryDir,
    bucket: env.state.bucket,
    stateKey: deliveryStateKey(env.name),
    clients: awsClients(env.region),
  };
}

export type LockOutcome =
  | { readonly result: 'none' }
  | { readonly result: 'released'; readonly lock: LockInfo; readonly description: string }
  | { readonly result: 'refused'; readonly lock: LockInfo; readonly description: string; readonly reason: string };

/**
 * Releases the lock an interrupted run left, with `terraform force-unlock` (which checks the lock
 * ID): only when its holder is gone, or when the caller vouches for a holder on another machine.
 */
export async function releaseStaleLock(a: StateAccess, opts: { readonly ownerGone?: boolean } = {}): Promise<LockOutcome> {
  const lock = await readLock(a.clients.s3, a.bucket, a.stateKey);
  if (!lock) return { result: 'none' };
  const description = describeLock(lock, `s3://${a.bucket}/${a.stateKey}`);
  const status = ownerStatus(lock, lockHolders(a.bucket, a.stateKey, a.endpoint ?? ''));
  if (status.state === 'alive') {
    const who = status.holders.map((h) => `pid ${h.pid} (${h.command}, in ${h.cwd})`).join('; ');
    return {
      result: 'refused',
      lock,
      description,
      reason: `its holder is still running: ${who}. Let it finish, or stop it first; releasing a live lock lets two runs write one state.`,
    };
  }
  if (status.state === 'unknown' && !opts.ownerGone) {
    return {
      result: 'refused',
      lock,
      description,
      reason: `cannot tell whether its holder still runs: ${status.why}. Check there that no Terraform run for ${a.env.name} is alive, then run again with --owner-gone.`,
    };
  }
  await runTerraform(['force-unlock', '-force', lock.ID], { cwd: a.deliveryDir, env: a.tfEnv });
  return { result: 'released', lock, description };
}
