/**
 * Environment-file fixtures for the schema tests: the checked-in files as raw JSON, a path
 * setter, and assertions on the problems the loader reports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseEnvironment, type ConfigProblem } from '../../config/load';

export type Json = Record<string, unknown>;

/** A checked-in environment file as raw JSON, freshly copied. */
export function environmentJson(name: 'production' | 'dev'): Json {
  return JSON.parse(readFileSync(join(__dirname, '../../config', `${name}.json`), 'utf8')) as Json;
}

export const productionJson = (): Json => environmentJson('production');
export const devJson = (): Json => environmentJson('dev');

/** Sets a value at a dotted path (numeric segments index arrays); `undefined` deletes it. */
export function set(obj: Json, path: string, value: unknown): Json {
  const keys = path.split('.');
  let cur: Record<string, unknown> = obj;
  for (const key of keys.slice(0, -1)) cur = cur[key] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return obj;
}

/** Validates and returns the problems; fails the test if the input is accepted. */
export function problemsOf(data: Json): readonly ConfigProblem[] {
  try {
    parseEnvironment(data, 'config/production.json');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the environment to be rejected, but it was accepted');
}

/** Expects a problem at `path` whose message matches (and, when given, whose value is `value`). */
export function expectRejected(data: Json, path: string, message: RegExp, value?: string): void {
  const problems = problemsOf(data);
  const match = problems.find((p) => p.path === path);
  expect({ path, found: problems.map((p) => p.path) }).toEqual({ path, found: expect.arrayContaining([path]) });
  expect(match!.message).toMatch(message);
  if (value !== undefined) expect(match!.value).toBe(value);
}
