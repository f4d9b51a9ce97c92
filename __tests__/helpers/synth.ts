import { Testing } from 'cdktf';
import { loadEnvironment } from '../../config/load';
import type { EnvironmentConfig } from '../../config/schema';
import { buildApp } from '../../stacks/app';
import type { DeployTarget } from '../../stacks/deploy-target';

/** Synthesized Terraform JSON of a stack, parsed. */
export interface SynthJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; description?: string }>;
  variable?: Record<string, { default?: unknown }>;
  terraform?: Record<string, unknown>;
  provider?: Record<string, unknown[]>;
}

/** A deep copy of a checked-in environment, so a test can change it freely. */
export function environment(name: string): EnvironmentConfig {
  return structuredClone(loadEnvironment(name));
}

/** The stacks of one environment, built as every entry point builds them (buildApp). */
export function environmentStacks(env: EnvironmentConfig | string, target: DeployTarget = 'aws'): ReturnType<typeof buildApp>[number] {
  const config = typeof env === 'string' ? environment(env) : env;
  return buildApp(Testing.app(), [config], { target })[0]!;
}

/** Synthesizes the delivery stack of an environment; returns the JSON string the matchers take. */
export function synthDelivery(env: EnvironmentConfig | string, target: DeployTarget = 'aws'): string {
  return Testing.synth(environmentStacks(env, target).delivery);
}

/** All resources of one type in synthesized JSON, by construct-derived name. */
export function resourcesOf(synth: string, type: string): Record<string, Record<string, unknown>> {
  return (JSON.parse(synth) as SynthJson).resource?.[type] ?? {};
}

/** The only resource of a type; fails the test when there are none or several. */
export function onlyResource(synth: string, type: string): Record<string, unknown> {
  const all = Object.values(resourcesOf(synth, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0]!;
}

/** Parses a JSON-encoded attribute (container definitions, policies, ...). */
export function parseJsonAttribute<T>(value: unknown): T {
  if (typeof value !== 'string') throw new Error(`expected a JSON string, got ${typeof value}`);
  return JSON.parse(value) as T;
}
