/**
 * Entry point: validates every environment file, then synthesizes one state bootstrap stack and
 * one delivery stack per environment into cdktf.out/. Nothing is written when a file is invalid;
 * the warnings of a production-like environment (config/warnings.ts) go to stderr on every run.
 *
 * Environment variables:
 * - ENVIRONMENTS: comma-separated environments to synthesize (default: every file in config/)
 * - DEPLOY_TARGET: `aws` (default) or `emulator` (see stacks/deploy-target.ts and stacks/emulator-gaps.ts)
 * - CDKTF_OUTDIR: output directory (default: cdktf.out; set by the cdktf CLI)
 */
import { App } from 'cdktf';
import { AggregateConfigError, ConfigError, loadAllEnvironments } from './config/load';
import { loadAllImports } from './config/imports';
import { adoptionWarnings } from './stacks/adoption';
import { environmentWarnings, formatWarnings } from './config/warnings';
import { buildApp } from './stacks/app';
import type { DeployTarget } from './stacks/deploy-target';

export function selectEnvironments<T extends { name: string }>(all: readonly T[], selector: string | undefined): T[] {
  if (!selector) return [...all];
  const wanted = selector
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = wanted.filter((w) => !all.some((e) => e.name === w));
  if (unknown.length > 0) {
    throw new UsageError(
      `ENVIRONMENTS: unknown environment ${unknown.map((u) => `"${u}"`).join(', ')}; allowed: ${all.map((e) => e.name).join(', ')}`,
    );
  }
  return all.filter((e) => wanted.includes(e.name));
}

export function parseTarget(value: string | undefined): DeployTarget {
  if (value === undefined || value === '' || value === 'aws') return 'aws';
  if (value === 'emulator') return 'emulator';
  throw new UsageError(`DEPLOY_TARGET: got "${value}"; allowed: aws, emulator`);
}

export class UsageError extends Error {}

/** Validates the environments and synthesizes the app; exits 1 with a readable message on bad input. */
export function run(): void {
  try {
    const environments = selectEnvironments(loadAllEnvironments(), process.env.ENVIRONMENTS);
    const imports = loadAllImports(environments);
    const target = parseTarget(process.env.DEPLOY_TARGET);
    const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
    const stacks = buildApp(app, environments, { target, imports });
    // What an environment still leaves open (config/warnings.ts, unpinned adoptions): said on every synth.
    for (const { env, delivery } of stacks) {
      process.stderr.write(formatWarnings(env.name, [...environmentWarnings(env), ...adoptionWarnings(env, delivery.adoptions)]));
    }
    app.synth();
  } catch (err) {
    if (err instanceof ConfigError || err instanceof AggregateConfigError || err instanceof UsageError) {
      process.stderr.write(`${err.message}\nNothing was synthesized.\n`);
      process.exit(1);
    }
    if (err instanceof Error && err.message.startsWith('Encountered Annotations with level "ERROR"')) {
      // Guardrail findings (guardrails/): the message names each rule, resource path and reason.
      process.stderr.write(`Guardrails failed synth.\n${err.message.replace(/\n\nEither fix the issues above[\s\S]*$/, '')}\n`);
      process.exit(1);
    }
    throw err;
  }
}

if (require.main === module) run();
