/**
 * Synthesizes a greenfield environment for the local AWS emulator: its state bootstrap stack
 * (local state) and its delivery stack (S3 backend on the emulator, or local state).
 */
import { App } from 'cdktf';
import { join } from 'node:path';
import { loadAllEnvironments } from '../../config/load';
import type { EnvironmentConfig } from '../../config/schema';
import { buildApp } from '../../stacks/app';
import { deliveryStackName, deliveryStateKey } from '../../stacks/delivery-stack';
import { runsOnEmulator } from '../../stacks/deploy-target';
import { stateBootstrapStackName } from '../../stacks/state-bootstrap-stack';
import { initOnce, repoRoot, runTerraform, stateAddresses } from './terraform';

/** Where `npm run deploy:local` works, and where it records its emulator (`emulator.json`: endpoint, pid, environment). */
export function localWorkDir(): string {
  return join(repoRoot(), '.tmp', 'local');
}

export interface EmulatorSynthOptions {
  /** cdktf output directory. */
  readonly outdir: string;
  /** Environment to synthesize. @default the first environment that creates its own network */
  readonly environment?: string;
  /**
   * Where the delivery stack keeps state: the S3 bucket the bootstrap stack creates on the
   * emulator (`s3`, the real backend with its lock file) or a local file.
   * @default 's3'
   */
  readonly deliveryBackend?: 's3' | 'local';
}

export interface EmulatorSynthResult {
  readonly env: EnvironmentConfig;
  readonly bootstrapDir: string;
  readonly deliveryDir: string;
  readonly stateKey: string;
}

/** The environments that can run on the emulator as they stand (see {@link runsOnEmulator}). */
export function greenfieldEnvironments(): EnvironmentConfig[] {
  return loadAllEnvironments().filter(runsOnEmulator);
}

export function synthForEmulator(opts: EmulatorSynthOptions): EmulatorSynthResult {
  const candidates = greenfieldEnvironments();
  const env = opts.environment ? candidates.find((e) => e.name === opts.environment) : candidates[0];
  if (!env) {
    const names = candidates.map((e) => e.name).join(', ') || 'none';
    throw new Error(
      `No greenfield environment${opts.environment ? ` named "${opts.environment}"` : ''} to deploy to the emulator (greenfield environments: ${names}).`,
    );
  }
  const app = new App({ outdir: opts.outdir });
  const bootstrapName = stateBootstrapStackName(env.name);
  const deliveryName = deliveryStackName(env.name);
  const stateKey = deliveryStateKey(env.name);
  buildApp(app, [env], { target: 'emulator', state: (opts.deliveryBackend ?? 's3') === 's3' ? 'remote' : 'local' });
  app.synth();
  return {
    env,
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
