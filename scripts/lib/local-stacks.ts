/**
 * Synthesizes an environment for an emulator: its state bootstrap stack (local state) and its
 * delivery stack (S3 backend on the emulator, or local state). On an emulator this project
 * starts, only greenfield environments can run (nothing they reference exists there); on one named
 * by AWS_ENDPOINT_URL any environment can, its imports included, when that emulator holds what the
 * environment references.
 */
import { App } from 'cdktf';
import { join } from 'node:path';
import { loadImports } from '../../config/imports';
import { CONFIG_DIR, loadAllEnvironments } from '../../config/load';
import type { EnvironmentConfig } from '../../config/schema';
import type { Adoption } from '../../stacks/adoption';
import { buildApp } from '../../stacks/app';
import { deliveryStackName, deliveryStateKey } from '../../stacks/delivery-stack';
import { runsOnEmulator } from '../../stacks/deploy-target';
import { stateBootstrapStackName } from '../../stacks/state-bootstrap-stack';
import { initOnce, runTerraform, stateAddresses } from './terraform';

export interface EmulatorSynthOptions {
  /** cdktf output directory. */
  readonly outdir: string;
  /** Environment to synthesize. @default the first greenfield environment */
  readonly environment?: string;
  /**
   * The emulator is an external one (AWS_ENDPOINT_URL) that may hold what any environment
   * references, rather than a fresh one.
   * @default false
   */
  readonly external?: boolean;
  /**
   * Where the delivery stack keeps state: the S3 bucket the bootstrap stack creates on the
   * emulator (`s3`, the real backend with its lock file) or a local file.
   * @default 's3'
   */
  readonly deliveryBackend?: 's3' | 'local';
}

export interface EmulatorSynthResult {
  readonly env: EnvironmentConfig;
  /** What the delivery stack imports (an environment with `existing`). */
  readonly adoptions: readonly Adoption[];
  readonly bootstrapDir: string;
  readonly deliveryDir: string;
  readonly stateKey: string;
}

/** The environments that can run on the emulator as they stand (see {@link runsOnEmulator}). */
export function greenfieldEnvironments(): EnvironmentConfig[] {
  return loadAllEnvironments().filter(runsOnEmulator);
}

export function synthForEmulator(opts: EmulatorSynthOptions): EmulatorSynthResult {
  const all = loadAllEnvironments();
  const candidates = opts.external ? all : all.filter(runsOnEmulator);
  const env = opts.environment ? candidates.find((e) => e.name === opts.environment) : candidates[0];
  if (!env) {
    const names = candidates.map((e) => e.name).join(', ') || 'none';
    const kind = opts.external ? 'environment' : 'greenfield environment';
    const hint = opts.external
      ? ''
      : ' An environment that references existing resources runs on an emulator that holds them: set AWS_ENDPOINT_URL.';
    throw new Error(
      `No ${kind}${opts.environment ? ` named "${opts.environment}"` : ''} to deploy to the emulator (${kind}s: ${names}).${hint}`,
    );
  }
  const imports = loadImports(env, CONFIG_DIR);
  const app = new App({ outdir: opts.outdir });
  const bootstrapName = stateBootstrapStackName(env.name);
  const deliveryName = deliveryStackName(env.name);
  const stateKey = deliveryStateKey(env.name);
  const [stacks] = buildApp(app, [env], {
    target: 'emulator',
    state: (opts.deliveryBackend ?? 's3') === 's3' ? 'remote' : 'local',
    imports: imports ? new Map([[env.name, imports]]) : undefined,
  });
  app.synth();
  return {
    env,
    adoptions: stacks!.delivery.adoptions,
    bootstrapDir: join(opts.outdir, 'stacks', bootstrapName),
    deliveryDir: join(opts.outdir, 'stacks', deliveryName),
    stateKey,
  };
}

/**
 * Removes every resource of the bootstrap stack from its state without deleting it: the emulator
 * cannot empty a versioned bucket that held a lock file (gap s3-delete-markers in
 * stacks/emulator-gaps.ts), so the bucket is discarded with the emulator instead.
 */
export async function forgetStateBucket(bootstrapDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  await initOnce(bootstrapDir, { backend: true, env });
  const addresses = (await stateAddresses(bootstrapDir, env)).filter((a) => !a.startsWith('data.'));
  if (addresses.length > 0) await runTerraform(['state', 'rm', ...addresses], { cwd: bootstrapDir, env });
}
