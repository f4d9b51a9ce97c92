/**
 * The only composition of stacks: synth (main.ts), plan review, the local deploy, the docs and
 * the tests all build their stacks here.
 */
import type { App } from 'cdktf';
import type { ImportPins } from '../config/imports';
import type { EnvironmentConfig } from '../config/schema';
import { DeliveryStack, deliveryStackName, deliveryStateKey } from './delivery-stack';
import { deployTargetProfile, type DeployTarget, type DeployTargetProfile } from './deploy-target';
import type { StateBackend } from './provider';
import { StateBootstrapStack, stateBootstrapStackName } from './state-bootstrap-stack';

export interface BuildOptions {
  /** @default 'aws' */
  readonly target?: DeployTarget;
  /**
   * Where the delivery stacks keep state: `remote`, the environment's S3 bucket (with its lock
   * file), or `local`, a `terraform.tfstate` file in each stack's directory (plan review against
   * an emulator, throwaway checks). The bootstrap stack always uses local state.
   * @default 'remote'
   */
  readonly state?: 'remote' | 'local';
  /** Pinned import IDs by environment name (config/<env>.imports.json). @default none */
  readonly imports?: ReadonlyMap<string, ImportPins>;
}

export interface EnvironmentStacks {
  readonly env: EnvironmentConfig;
  readonly profile: DeployTargetProfile;
  readonly bootstrap: StateBootstrapStack;
  readonly delivery: DeliveryStack;
}

/** The delivery stack's backend for an environment. */
export function deliveryBackend(env: EnvironmentConfig, state: 'remote' | 'local' = 'remote'): StateBackend {
  return state === 'local'
    ? { kind: 'local', path: 'terraform.tfstate' }
    : { kind: 's3', bucket: env.state.bucket, region: env.state.region, key: deliveryStateKey(env.name) };
}

/** Adds a state bootstrap stack and a delivery stack for every environment. */
export function buildApp(app: App, environments: readonly EnvironmentConfig[], options: BuildOptions = {}): EnvironmentStacks[] {
  const profile = deployTargetProfile(options.target ?? 'aws');
  const state = options.state ?? 'remote';
  return environments.map((env) => ({
    env,
    profile,
    bootstrap: new StateBootstrapStack(app, stateBootstrapStackName(env.name), { env, profile }),
    delivery: new DeliveryStack(app, deliveryStackName(env.name), {
      env,
      profile,
      backend: deliveryBackend(env, state),
      imports: options.imports?.get(env.name),
    }),
  }));
}
