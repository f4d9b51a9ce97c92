import type { App } from 'cdktf';
import type { EnvironmentConfig } from '../config/schema';
import { DeliveryStack, deliveryStackName } from './delivery-stack';
import type { DeployTarget } from './emulator';
import type { StateBackend } from './provider';
import { StateBootstrapStack, stateBootstrapStackName } from './state-bootstrap-stack';

export interface BuildOptions {
  /** @default 'aws' */
  readonly target?: DeployTarget;
  /** Override the delivery stacks' backend (the local emulator harness uses this). */
  readonly deliveryBackend?: (env: EnvironmentConfig) => StateBackend;
}

export interface EnvironmentStacks {
  readonly bootstrap: StateBootstrapStack;
  readonly delivery: DeliveryStack;
}

/** Adds a state bootstrap stack and a delivery stack for every environment. */
export function buildApp(app: App, environments: readonly EnvironmentConfig[], options: BuildOptions = {}): EnvironmentStacks[] {
  return environments.map((env) => ({
    bootstrap: new StateBootstrapStack(app, stateBootstrapStackName(env.name), { env, target: options.target }),
    delivery: new DeliveryStack(app, deliveryStackName(env.name), {
      env,
      target: options.target,
      backend: options.deliveryBackend?.(env),
    }),
  }));
}
