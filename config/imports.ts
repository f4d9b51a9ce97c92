/**
 * `config/<env>.imports.json`: the import IDs of what an environment adopts, pinned by
 * `npm run adopt -- <env>` and committed for review, and of what an interrupted apply created
 * without recording it (`recovered`, written by `npm run recover -- <env>`). Synth turns them into
 * Terraform `import` blocks. The file is validated like an environment file: a problem names the file, the field,
 * the value and what is allowed, and stops synth before anything is written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AggregateConfigError, CONFIG_DIR, ConfigError, toProblems, type ConfigProblem } from './load';
import type { EnvironmentConfig } from './schema';

const pin = z
  .strictObject({
    id: z.string().min(1).describe('The import ID Terraform takes for this resource type.'),
    evidence: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .default({})
      .describe('What adopt saw (ARN, creation time, deployment, domain name): for review, and for the cut-over checks.'),
  })
  .describe('One adopted resource.');

export const importsSchema = z.strictObject({
  $comment: z.string().optional(),
  environment: z.string().describe('The environment file this belongs to.'),
  account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account ID'),
  region: z.string(),
  adoptedAt: z.string().optional().describe('When adopt ran (ISO 8601).'),
  recoveredAt: z.string().optional().describe('When recover last ran (ISO 8601).'),
  resources: z
    .strictObject({
      ecsCluster: pin.optional(),
      ecsService: pin.optional(),
      loadBalancer: pin.optional(),
      listeners: z.record(z.string().regex(/^\d+$/, 'a listener port'), pin).default({}),
      targetGroup: pin.optional(),
      ecrRepository: pin.optional(),
      logGroup: pin.optional(),
      vpcEndpoints: z.record(z.string(), pin).default({}),
      distribution: pin.optional(),
    })
    .default({ listeners: {}, vpcEndpoints: {} }),
  recovered: z
    .record(
      z.string().regex(/^aws_[a-z0-9_]+\.[A-Za-z0-9_-]+$/, 'a resource address of the delivery stack, e.g. aws_vpc.network_vpc_4E8F0223'),
      pin,
    )
    .default({})
    .describe(
      'Resources an interrupted apply created and did not record in state, by Terraform address: imported by the next apply. Once it has run, the entries are no-ops and can be removed.',
    ),
});

export type ImportPins = z.output<typeof importsSchema>;
export type ImportPin = z.output<typeof pin>;

/** The resources of which an environment adopts at most one. */
export const SINGLE_RESOURCES = [
  'ecsCluster',
  'ecsService',
  'loadBalancer',
  'targetGroup',
  'ecrRepository',
  'logGroup',
  'distribution',
] as const;
export type SingleResource = (typeof SINGLE_RESOURCES)[number];

/** The imports file of an environment. */
export function importsFileOf(envName: string, dir: string): string {
  return join(dir, `${envName}.imports.json`);
}

/** Pinned resources the environment file does not declare as existing (a stale or foreign file). */
function undeclared(env: EnvironmentConfig, pins: ImportPins): ConfigProblem[] {
  const e = env.existing;
  const declared: Record<SingleResource, boolean> = {
    ecsCluster: e.ecsCluster,
    ecsService: e.ecsService,
    loadBalancer: e.loadBalancer,
    targetGroup: e.targetGroup,
    ecrRepository: e.ecrRepository,
    logGroup: e.logGroup,
    distribution: e.distribution !== undefined,
  };
  const problems: ConfigProblem[] = [];
  const why = (path: string) => `${path} is not declared in existing of ${env.name}.json; run npm run adopt -- ${env.name} again`;
  for (const key of SINGLE_RESOURCES) {
    const pinned = pins.resources[key];
    if (!declared[key] && pinned !== undefined) {
      problems.push({ path: `resources.${key}`, value: JSON.stringify(pinned.id), message: why(`existing.${key}`) });
    }
  }
  for (const p of Object.keys(pins.resources.listeners)) {
    if (!e.listenerPorts.includes(Number(p))) {
      problems.push({ path: `resources.listeners.${p}`, value: JSON.stringify(p), message: why('this port in existing.listenerPorts') });
    }
  }
  for (const service of Object.keys(pins.resources.vpcEndpoints)) {
    if (e.vpcEndpoints[service as keyof typeof e.vpcEndpoints] !== 'adopt') {
      problems.push({
        path: `resources.vpcEndpoints.${service}`,
        value: JSON.stringify(service),
        message: why(`existing.vpcEndpoints["${service}"] = "adopt"`),
      });
    }
  }
  return problems;
}

/**
 * The pinned import IDs of `env`, or undefined when it has no imports file. Throws a
 * {@link ConfigError} when the file is unreadable, invalid, for another environment, account or
 * region, or pins something the environment does not declare.
 */
export function loadImports(env: EnvironmentConfig, dir: string): ImportPins | undefined {
  const file = importsFileOf(env.name, dir);
  if (!existsSync(file)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(file, [{ path: '', value: undefined, message: `not valid JSON (${(err as Error).message})` }]);
  }
  const result = importsSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw new ConfigError(file, toProblems(data, result.error));
  const pins = result.data;
  const mismatches: ConfigProblem[] = (['environment', 'account', 'region'] as const)
    .filter((key) => pins[key] !== (key === 'environment' ? env.name : env[key]))
    .map((key) => ({
      path: key,
      value: JSON.stringify(pins[key]),
      message: `must be ${JSON.stringify(key === 'environment' ? env.name : env[key])}, as in ${env.name}.json (adopt ran against another ${key})`,
    }));
  const problems = [...mismatches, ...undeclared(env, pins)];
  if (problems.length > 0) throw new ConfigError(file, problems);
  return pins;
}

/**
 * The `recovered` section of an imports file as it stands, read without the checks
 * {@link loadImports} makes of the rest: adopt rewrites `resources` and keeps what recover wrote.
 * Empty when the file is missing or the section is unreadable.
 */
export function readRecovered(file: string): Pick<ImportPins, 'recovered' | 'recoveredAt'> {
  if (!existsSync(file)) return { recovered: {} };
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { recovered?: unknown; recoveredAt?: unknown };
    const recovered = importsSchema.shape.recovered.safeParse(raw.recovered);
    return {
      recovered: recovered.success ? recovered.data : {},
      ...(typeof raw.recoveredAt === 'string' ? { recoveredAt: raw.recoveredAt } : {}),
    };
  } catch {
    return { recovered: {} };
  }
}

/**
 * The pinned import IDs of every environment that has an imports file (see config/imports.ts),
 * all validated before any is used.
 */
export function loadAllImports(environments: readonly EnvironmentConfig[], dir: string = CONFIG_DIR): Map<string, ImportPins> {
  const pins = new Map<string, ImportPins>();
  const errors: ConfigError[] = [];
  for (const env of environments) {
    try {
      const loaded = loadImports(env, dir);
      if (loaded) pins.set(env.name, loaded);
    } catch (err) {
      if (err instanceof ConfigError) errors.push(err);
      else throw err;
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateConfigError(errors);
  return pins;
}
