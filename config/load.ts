/**
 * Reads and validates environment files. Every failure is a {@link ConfigError} whose message
 * names the file, the field path, the bad value and what is allowed — and it is raised before
 * any construct is created, so an invalid file never produces partial synth output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { z } from 'zod';
import { DATA_SERVICES_MODES, environmentSchema, NETWORK_MODES, type EnvironmentConfig } from './schema';

/** The allowed values of each discriminator field. */
const MODES: Readonly<Record<string, readonly string[]>> = {
  'network.mode': NETWORK_MODES,
  'dataServices.mode': DATA_SERVICES_MODES,
};

/**
 * Directory holding one `<name>.json` per environment: `FINTECH_CONFIG_DIR` when set, else
 * `config/` of the project (this module runs from config/, from its transpiled copy in
 * dist/config/, or bundled into dist/synth.js).
 */
export const CONFIG_DIR =
  process.env.FINTECH_CONFIG_DIR ??
  (__dirname.endsWith(join('dist', 'config'))
    ? join(__dirname, '..', '..', 'config')
    : basename(__dirname) === 'dist'
      ? join(__dirname, '..', 'config')
      : __dirname);

/** One problem in one environment file. */
export interface ConfigProblem {
  /** Dotted field path, e.g. `service.cpu` or `network.taskSubnetIds[1]`. */
  readonly path: string;
  /** The offending value, as JSON, or undefined when the field is missing. */
  readonly value: string | undefined;
  /** What is allowed. */
  readonly message: string;
}

/** Raised when an environment file cannot be read, parsed or validated. */
export class ConfigError extends Error {
  public constructor(
    public readonly file: string,
    public readonly problems: readonly ConfigProblem[],
  ) {
    super(formatProblems(file, problems));
    this.name = 'ConfigError';
  }
}

function formatProblems(file: string, problems: readonly ConfigProblem[]): string {
  const shown = relative(process.cwd(), file) || file;
  const lines = problems.map((p) => {
    const value = p.value === undefined ? 'missing' : `got ${p.value}`;
    return `  - ${p.path || '(root)'}: ${value}; ${p.message}`;
  });
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return `Invalid environment file ${shown} (${problems.length} ${noun}):\n${lines.join('\n')}`;
}

/** A key that reads unambiguously after a dot: every schema field, most tag and variable names. */
const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * Formats a zod path as `a.b[0].c`. A key that is empty or holds spaces, dots or other characters
 * is quoted (`tags["cost center"]`, `[""]`), so every path names its field.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    const name = String(key);
    if (!PLAIN_KEY.test(name)) return `${acc}[${JSON.stringify(name.length > 60 ? `${name.slice(0, 57)}...` : name)}]`;
    return acc ? `${acc}.${name}` : name;
  }, '');
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const json = JSON.stringify(value);
  return json.length > 120 ? `${json.slice(0, 117)}...` : json;
}

/** Says what is allowed, in words, for zod's built-in checks; custom checks keep their message. */
function allowed(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'array') return `must list at least ${min} item${min === '1' ? '' : 's'}`;
      if (issue.origin === 'string') return `must be at least ${min} characters long`;
      return issue.inclusive ? `must be at least ${min}` : `must be greater than ${min}`;
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'array') return `must list at most ${max} items`;
      if (issue.origin === 'string') return `must be at most ${max} characters long`;
      return issue.inclusive ? `must be at most ${max}` : `must be less than ${max}`;
    }
    case 'invalid_type':
      if (issue.expected === 'int') return 'must be a whole number';
      return `must be of type ${issue.expected}`;
    case 'invalid_value':
      return `allowed: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union': {
      const modes = MODES[formatPath(issue.path)];
      return modes ? `allowed: ${modes.map((m) => JSON.stringify(m)).join(', ')}` : issue.message;
    }
    default:
      return issue.message;
  }
}

/** The problems of a failed parse, each with its path, the offending value and what is allowed. */
export function toProblems(data: unknown, error: z.ZodError): ConfigProblem[] {
  return error.issues.flatMap((issue): ConfigProblem[] => {
    if (issue.code === 'invalid_key') {
      return issue.issues.map((inner) => ({
        path: formatPath(issue.path),
        value: describeValue(issue.input),
        message: `invalid name: ${allowed(inner)}`,
      }));
    }
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        value: describeValue(valueAt(data, [...issue.path, key])),
        message: 'unknown field (check the spelling; allowed fields are listed in docs/environment-settings.md)',
      }));
    }
    const value = valueAt(data, issue.path);
    return [{ path: formatPath(issue.path), value: describeValue(value), message: allowed(issue) }];
  });
}

/**
 * Validates parsed JSON against the environment schema.
 * @param file used in error messages only
 * @param expectedName when given, the file's `name` must equal it (the file name without `.json`)
 */
/**
 * Keys no setting has and the validator cannot read: an own `constructor` makes an object look
 * like a class instance to it (and `null` there crashes it), `__proto__` and `prototype` are
 * object internals. Found anywhere in the file, they are refused by path before validation.
 */
const RESERVED_KEYS = new Set(['constructor', '__proto__', 'prototype']);

function reservedKeyProblems(value: unknown, path: PropertyKey[] = []): ConfigProblem[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value).flatMap((key) => {
    const child = (value as Record<string, unknown>)[key];
    if (RESERVED_KEYS.has(key)) {
      return [
        {
          path: formatPath([...path, key]),
          value: JSON.stringify(child) ?? 'undefined',
          message: 'is a reserved key name: rename or remove it',
        },
      ];
    }
    return reservedKeyProblems(child, [...path, Array.isArray(value) ? Number(key) : key]);
  });
}

export function parseEnvironment(data: unknown, file: string, expectedName?: string): EnvironmentConfig {
  const reserved = reservedKeyProblems(data);
  if (reserved.length > 0) throw new ConfigError(file, reserved);
  const result = environmentSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw new ConfigError(file, toProblems(data, result.error));
  if (expectedName !== undefined && result.data.name !== expectedName) {
    throw new ConfigError(file, [
      {
        path: 'name',
        value: JSON.stringify(result.data.name),
        message: `must match the file name ("${expectedName}")`,
      },
    ]);
  }
  return result.data;
}

/** Reads, parses and validates one environment file. */
export function loadEnvironmentFile(file: string): EnvironmentConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [{ path: '', value: undefined, message: `cannot read the file (${(err as Error).message})` }]);
  }
  let data: unknown;
  try {
    // A byte-order mark (some editors write one) is not part of the JSON.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ConfigError(file, [{ path: '', value: undefined, message: `not valid JSON (${(err as Error).message})` }]);
  }
  return parseEnvironment(data, file, basename(file, '.json'));
}

/** Loads the named environment from {@link CONFIG_DIR}. */
export function loadEnvironment(name: string, dir: string = CONFIG_DIR): EnvironmentConfig {
  return loadEnvironmentFile(join(dir, `${name}.json`));
}

/** Names of the environments defined in `dir` (every `*.json` file), sorted. */
export function environmentNames(dir: string = CONFIG_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json') && !f.endsWith('.imports.json'))
    .map((f) => basename(f, '.json'))
    .sort();
}

/**
 * Loads and validates every environment in `dir`. All files are checked before any is used, and
 * the problems of every invalid file are reported together.
 */
export function loadAllEnvironments(dir: string = CONFIG_DIR): EnvironmentConfig[] {
  const loaded: EnvironmentConfig[] = [];
  const errors: ConfigError[] = [];
  for (const name of environmentNames(dir)) {
    try {
      loaded.push(loadEnvironment(name, dir));
    } catch (err) {
      if (err instanceof ConfigError) errors.push(err);
      else throw err;
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateConfigError(errors);
  return loaded;
}

/** Several invalid environment files. */
export class AggregateConfigError extends Error {
  public constructor(public readonly errors: readonly ConfigError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'AggregateConfigError';
  }
}
