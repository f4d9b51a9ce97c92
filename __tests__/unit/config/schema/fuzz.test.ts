/**
 * Bad input, exhaustively: thousands of seeded mutations of production.json and dev.json (wrong
 * types, out-of-range numbers, malformed IDs and ARNs, unknown keys, missing sections, huge
 * strings, repeated items, swapped sections) and of their text (not JSON at all). Each one is either
 * valid — and then the stacks build from it — or refused with a ConfigError that names the file and
 * a field path for every problem. Never another exception (a stack trace for the user).
 *
 * A handful of them go through the real synth command with a previous good synth in its output
 * directory: exit 1, the file and field path on stderr, no stack trace, and the previous output
 * byte-for-byte intact.
 *
 * Replay one case: FUZZ_SEED=<seed printed in the failure> FUZZ_CASES=1. More cases: FUZZ_CASES=20000.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { ConfigError, loadEnvironmentFile, parseEnvironment } from '../../../../config/load';
import type { EnvironmentConfig } from '../../../../config/schema';
import { buildApp } from '../../../../stacks/app';
import { damageText, mutate, Random, type Json } from '../../../helpers/fuzz';

const root = join(__dirname, '../../../..');
const FIRST_SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const CASES = Number(process.env.FUZZ_CASES ?? 3000);
/** Valid mutations (of distinct fields) whose stacks are built: each build takes ~0.3 s. */
const BUILDS = Number(process.env.FUZZ_BUILDS ?? 24);
const ENVIRONMENTS = ['production', 'dev'] as const;

const originals = Object.fromEntries(ENVIRONMENTS.map((name) => [name, readFileSync(join(root, 'config', `${name}.json`), 'utf8')]));

interface Failure {
  readonly seed: number;
  readonly case: string;
  readonly problem: string;
}

/** What must hold for a refusal: the file is named, every problem has a field path and says what is wrong. */
function refusalProblems(err: ConfigError, file: string, rootLevelAllowed: boolean): string[] {
  const found: string[] = [];
  if (!err.message.startsWith('Invalid environment file ') || !err.message.includes(file)) found.push(`message does not name ${file}`);
  if (err.problems.length === 0) found.push('no problem listed');
  for (const p of err.problems) {
    if (p.path === '' && !rootLevelAllowed) found.push(`a problem without a field path: ${p.message}`);
    if (!p.message || /undefined|\[object Object\]|NaN/.test(p.message)) found.push(`an unclear message at ${p.path}: ${p.message}`);
    if ((p.value?.length ?? 0) > 120) found.push(`an unbounded value at ${p.path} (${p.value?.length} characters)`);
    if (!err.message.includes(`  - ${p.path || '(root)'}: `)) found.push(`problem ${p.path} missing from the message`);
  }
  return found;
}

/** Parses one mutated environment in-process; returns the config when valid. */
function check(data: Json, name: string, seed: number, what: string, failures: Failure[]): EnvironmentConfig | undefined {
  const file = `config/${name}.json`;
  try {
    return parseEnvironment(data, file, name);
  } catch (err) {
    if (!(err instanceof ConfigError)) {
      failures.push({ seed, case: what, problem: `threw ${(err as Error).name}: ${(err as Error).message}` });
      return undefined;
    }
    for (const problem of refusalProblems(err, file, false)) failures.push({ seed, case: what, problem });
    return undefined;
  }
}

function report(failures: readonly Failure[]): string {
  return failures
    .slice(0, 10)
    .map((f) => `seed ${f.seed} (${f.case}): ${f.problem}`)
    .join('\n');
}

describe('environment files, mutated (property-based, seeded)', () => {
  test(`GIVEN ${CASES} mutated production.json and dev.json files THEN each is valid or refused naming the file and the field path, never with another error`, () => {
    const failures: Failure[] = [];
    const valid: { config: EnvironmentConfig; seed: number; what: string }[] = [];
    let refused = 0;
    for (let i = 0; i < CASES; i++) {
      const seed = FIRST_SEED + i;
      const random = new Random(seed);
      const name = ENVIRONMENTS[i % ENVIRONMENTS.length]!;
      const { data, mutation } = mutate(random, JSON.parse(originals[name]!) as Json);
      const what = `${name}.json, ${mutation.description}`;
      const config = check(data, name, seed, what, failures);
      if (config) valid.push({ config, seed, what });
      else refused += 1;
    }
    expect(report(failures)).toBe('');
    // The generator must produce both outcomes, or it tests nothing.
    expect(refused).toBeGreaterThan(CASES / 2);
    expect(valid.length).toBeGreaterThan(CASES / 20);
  });

  test(`GIVEN mutations the schema accepts THEN the stacks build and synthesize from them (no construct rejects what the schema let through)`, () => {
    const failures: Failure[] = [];
    const tried = new Set<string>();
    const unchanged = Object.fromEntries(
      ENVIRONMENTS.map((name) => [name, JSON.stringify(parseEnvironment(JSON.parse(originals[name]!), name, name))]),
    );
    for (let i = 0; tried.size < BUILDS && i < CASES * 4; i++) {
      const seed = FIRST_SEED + 1_000_000 + i;
      const name = ENVIRONMENTS[i % ENVIRONMENTS.length]!;
      const { data, mutation } = mutate(new Random(seed), JSON.parse(originals[name]!) as Json);
      // One build per mutated field and kind of mutation; a mutation that changes nothing (a default spelled out) builds nothing new.
      const key = `${name}:${mutation.kind}:${mutation.path.join('.')}`;
      if (tried.has(key)) continue;
      let config: EnvironmentConfig;
      try {
        config = parseEnvironment(data, `config/${name}.json`, name);
      } catch {
        continue;
      }
      if (JSON.stringify(config) === unchanged[name]) continue;
      tried.add(key);
      try {
        const [stacks] = buildApp(Testing.app(), [config]);
        Testing.synth(stacks!.delivery, true); // runs the guardrails: a finding is a clear refusal, not a crash
      } catch (err) {
        const message = (err as Error).message;
        if (!message.startsWith('Encountered Annotations with level "ERROR"')) {
          failures.push({ seed, case: `${name}.json, ${mutation.description}`, problem: `the stacks did not build: ${message}` });
        }
      }
    }
    if (process.env.FUZZ_VERBOSE) console.log([...tried].join('\n'));
    expect(report(failures)).toBe('');
    expect(tried.size).toBe(BUILDS);
  });

  test('GIVEN files damaged as text (truncated, stray characters, not an object) THEN each is refused naming the file, as not JSON or not an environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fuzz-text-'));
    const failures: Failure[] = [];
    try {
      for (let i = 0; i < Math.min(CASES, 400); i++) {
        const seed = FIRST_SEED + 2_000_000 + i;
        const name = ENVIRONMENTS[i % ENVIRONMENTS.length]!;
        const { text, description } = damageText(new Random(seed), originals[name]!);
        const file = join(dir, `${name}.json`);
        writeFileSync(file, text);
        try {
          loadEnvironmentFile(file);
        } catch (err) {
          if (!(err instanceof ConfigError))
            failures.push({ seed, case: description, problem: `threw ${(err as Error).name}: ${(err as Error).message}` });
          else for (const problem of refusalProblems(err, `${name}.json`, true)) failures.push({ seed, case: description, problem });
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(report(failures)).toBe('');
  });
});

/** SHA-256 of every file under `dir`, by relative path. */
function snapshot(dir: string, prefix = ''): Record<string, string> {
  return Object.assign(
    {},
    ...readdirSync(dir).map((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory()
        ? snapshot(path, `${prefix}${entry}/`)
        : { [`${prefix}${entry}`]: createHash('sha256').update(readFileSync(path)).digest('hex') };
    }),
  ) as Record<string, string>;
}

/** True when the loader refuses `text` as the file `<name>.json` (a byte-order mark, say, is accepted). */
function refusedAsText(text: string, name: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-one-'));
  try {
    writeFileSync(join(dir, `${name}.json`), text);
    loadEnvironmentFile(join(dir, `${name}.json`));
    return false;
  } catch (err) {
    return err instanceof ConfigError;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runSynth(configDir: string, outdir: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'scripts/run-app.js')], {
      cwd: root,
      env: { ...process.env, FINTECH_CONFIG_DIR: configDir, CDKTF_OUTDIR: outdir, ENVIRONMENTS: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('the synth command on mutated files', () => {
  let work: string;
  let outdir: string;
  let good: Record<string, string>;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'fuzz-synth-'));
    outdir = join(work, 'cdktf.out');
    const configDir = join(work, 'good');
    cpSync(join(root, 'config'), configDir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
    const first = await runSynth(configDir, outdir);
    if (first.code !== 0) throw new Error(`the good synth failed: ${first.stderr}`);
    good = snapshot(outdir);
  }, 60_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('GIVEN ~20 refused files WHEN synth runs THEN it exits 1, names the file and the field path, prints no stack trace, and the previous synth stays intact', async () => {
    // Refused cases of every kind, data and text, for both files.
    const cases: { seed: number; name: string; text: string; what: string }[] = [];
    for (let i = 0; cases.length < 20; i++) {
      const seed = FIRST_SEED + 3_000_000 + i;
      const random = new Random(seed);
      const name = ENVIRONMENTS[i % ENVIRONMENTS.length]!;
      if (i % 5 === 4) {
        const { text, description } = damageText(random, originals[name]!);
        if (refusedAsText(text, name)) cases.push({ seed, name, text, what: description });
        continue;
      }
      const { data, mutation } = mutate(random, JSON.parse(originals[name]!) as Json);
      if (check(data, name, seed, mutation.description, []) === undefined)
        cases.push({ seed, name, text: JSON.stringify(data), what: mutation.description });
    }
    const failures: Failure[] = [];
    // Two at a time: each run is a Node process (~0.7 s).
    for (let i = 0; i < cases.length; i += 2) {
      await Promise.all(
        cases.slice(i, i + 2).map(async (c) => {
          const configDir = join(work, `case-${c.seed}`);
          mkdirSync(configDir, { recursive: true });
          for (const name of ENVIRONMENTS) writeFileSync(join(configDir, `${name}.json`), name === c.name ? c.text : originals[name]!);
          const { code, stderr } = await runSynth(configDir, outdir);
          const problems = [
            ...(code === 1 ? [] : [`exit code ${code}`]),
            ...(stderr.includes(`Invalid environment file`) && stderr.includes(`${c.name}.json`) ? [] : ['stderr does not name the file']),
            ...(/^ {2}- \S.*: /m.test(stderr) ? [] : ['stderr names no field path']),
            ...(/\n\s+at .+:\d+:\d+/.test(stderr) ? ['stderr holds a stack trace'] : []),
            ...(stderr.includes('Nothing was synthesized.') ? [] : ['stderr does not say nothing was synthesized']),
          ];
          for (const problem of problems)
            failures.push({ seed: c.seed, case: `${c.name}.json, ${c.what}`, problem: `${problem}\n${stderr.slice(0, 600)}` });
        }),
      );
    }
    expect(report(failures)).toBe('');
    expect(snapshot(outdir)).toEqual(good);
  }, 120_000);
});
