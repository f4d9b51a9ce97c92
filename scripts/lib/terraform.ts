/**
 * Driving the Terraform CLI from Node scripts and tests.
 *
 * - {@link runTerraform}: async spawn with captured output and useful errors.
 * - {@link initOnce}: serialised, memoised `terraform init` so many working
 *   directories share one plugin cache instead of each fetching providers.
 * - {@link stateResources} / {@link stateAddresses}: what a state holds.
 *
 * The CLI configuration is in terraform-cli-config.ts, the prerequisite checks in
 * prerequisites.ts; both are re-exported here.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { pluginCacheDir, terraformEnv } from './terraform-cli-config';
import { MissingPrerequisiteError, TERRAFORM_INSTALL_HINT } from './prerequisites';

export * from './prerequisites';
export * from './terraform-cli-config';

/** Thrown by {@link runTerraform} when terraform exits with a code that was not allowed. */
export class TerraformCommandError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'TerraformCommandError';
  }
}

/** Options for {@link runTerraform}. */
export interface RunTerraformOptions {
  /** Working directory (the Terraform root module). */
  cwd: string;
  /** Environment; defaults to {@link terraformEnv}(). */
  env?: NodeJS.ProcessEnv;
  /** Exit codes treated as success; defaults to [0]. */
  allowExitCodes?: number[];
  /** Kill terraform (SIGINT, then SIGKILL) after this many ms; no timeout by default. */
  timeoutMs?: number;
  /** Terraform binary; defaults to env TERRAFORM_BINARY or `terraform`. */
  binary?: string;
  /** Called with each line of stdout as it arrives (e.g. `-json` UI messages for progress). */
  onStdoutLine?: (line: string) => void;
  /** What a failure message shows instead of the output tail (e.g. rendered `-json` diagnostics). */
  failureDetail?: (stdout: string, stderr: string) => string | undefined;
}

/** Result of {@link runTerraform}. */
export interface TerraformResult {
  code: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

// eslint-disable-next-line no-control-regex
const ANSI_PATTERN = /\u001b\[[0-9;]*[A-Za-z]/g;

/** Returns the last `count` lines of `text` (trailing blank lines dropped), ANSI colour codes removed. */
export function tailLines(text: string, count: number): string {
  const lines = text.replace(ANSI_PATTERN, '').split(/\r?\n/);
  while (lines.length > 0 && (lines.at(-1) ?? '').trim() === '') lines.pop();
  return lines.slice(-count).join('\n');
}

/**
 * Runs `terraform <args>` asynchronously and captures its output.
 * Resolves when the exit code is allowed; otherwise rejects with a
 * {@link TerraformCommandError} naming the command, the exit code and the
 * last ~60 lines of stderr (stdout if stderr is empty).
 */
export function runTerraform(args: string[], opts: RunTerraformOptions): Promise<TerraformResult> {
  const binary = opts.binary ?? process.env.TERRAFORM_BINARY ?? 'terraform';
  const allowed = opts.allowExitCodes ?? [0];
  const env = opts.env ?? terraformEnv();
  const command = [binary, ...args].join(' ');
  const started = Date.now();

  return new Promise<TerraformResult>((resolve, reject) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    let timeoutTimer: NodeJS.Timeout | undefined;

    const child = spawn(binary, args, { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const decoder = new StringDecoder('utf8');
    let partial = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      if (!opts.onStdoutLine) return;
      const lines = (partial + decoder.write(chunk)).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach((line) => opts.onStdoutLine?.(line));
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

    if (opts.timeoutMs !== undefined) {
      timeoutTimer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGINT'); // lets terraform release state locks cleanly
        killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      }, opts.timeoutMs);
    }

    const clearTimers = (): void => {
      if (timeoutTimer) clearTimeout(timeoutTimer);
      if (killTimer) clearTimeout(killTimer);
    };

    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimers();
      if (err.code === 'ENOENT') {
        reject(new MissingPrerequisiteError(`${binary} not found on PATH: ${TERRAFORM_INSTALL_HINT}`));
      } else {
        reject(new Error(`failed to start \`${command}\` in ${opts.cwd}: ${err.message}`));
      }
    });

    child.on('close', (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimers();
      const lastLine = partial + decoder.end();
      if (lastLine !== '') opts.onStdoutLine?.(lastLine);
      const out = Buffer.concat(stdout).toString('utf8');
      const err = Buffer.concat(stderr).toString('utf8');
      const durationMs = Date.now() - started;
      if (code !== null && allowed.includes(code) && !timedOut) {
        resolve({ code, stdout: out, stderr: err, durationMs });
        return;
      }
      const status = timedOut
        ? `timed out after ${opts.timeoutMs} ms`
        : code === null
          ? `was killed by ${signal ?? 'a signal'}`
          : `exited with code ${code} (allowed: ${allowed.join(', ')})`;
      const detail = opts.failureDetail?.(out, err);
      const tail = detail ?? tailLines(err.trim() !== '' ? err : out, 60);
      reject(
        new TerraformCommandError(
          `\`${command}\` in ${opts.cwd} ${status} after ${durationMs} ms` +
            (tail ? `\n--- ${detail !== undefined ? 'terraform reported' : 'output tail'} ---\n${tail}` : ''),
          code,
          out,
          err,
        ),
      );
    });
  });
}

/** Options for {@link initOnce}. */
export interface InitOptions {
  /** Run init with the configured backend (default false: `-backend=false`). */
  backend?: boolean;
  /** Extra init arguments, e.g. `-backend-config=...` or `-upgrade`. */
  extraArgs?: string[];
  /** Environment; defaults to {@link terraformEnv}(). */
  env?: NodeJS.ProcessEnv;
  /** Re-run init even if it already succeeded for this directory in this process. */
  force?: boolean;
  /** Timeout for the init command; default 10 minutes. */
  timeoutMs?: number;
}

const initialised = new Map<string, Promise<TerraformResult>>();
let initQueue: Promise<unknown> = Promise.resolve();

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Cross-process lock (atomic mkdir) guarding the shared plugin cache, which
 * Terraform does not make safe for concurrent `init`s. Stale locks (older
 * than 15 minutes) are broken.
 */
async function withCacheLock<T>(cacheDir: string, fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(cacheDir, { recursive: true });
  const lockDir = path.join(cacheDir, '.init.lock');
  const ownerFile = path.join(lockDir, 'pid');
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(ownerFile, String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (isStaleLock(lockDir, ownerFile)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for terraform init lock ${lockDir}`);
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * A lock is stale when the process that took it is gone (killed mid-init), or when it has no
 * owner and is older than a few seconds (the owner died between mkdir and writing its PID), or
 * after 15 minutes whatever the owner says.
 */
function isStaleLock(lockDir: string, ownerFile: string): boolean {
  try {
    const age = Date.now() - fs.statSync(lockDir).mtimeMs;
    if (age > 15 * 60_000) return true;
    const owner = Number(fs.readFileSync(ownerFile, 'utf8'));
    if (!Number.isInteger(owner) || owner <= 0) return age > 5_000;
    try {
      process.kill(owner, 0);
      return false;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ESRCH';
    }
  } catch {
    // no owner file yet (or the lock vanished): stale only when old
    try {
      return Date.now() - fs.statSync(lockDir).mtimeMs > 5_000;
    } catch {
      return false;
    }
  }
}

/**
 * Runs `terraform init -input=false` (with `-backend=false` unless
 * `backend: true`) at most once per directory per process. Inits are
 * serialised in-process and across processes (lock in the plugin cache), so
 * every working directory links providers from the shared plugin cache
 * instead of downloading or copying them again.
 */
export function initOnce(dir: string, opts: InitOptions = {}): Promise<TerraformResult> {
  const key = path.resolve(dir);
  const existing = initialised.get(key);
  if (existing && !opts.force) return existing;

  const env = opts.env ?? terraformEnv();
  const cacheDir = env.TF_PLUGIN_CACHE_DIR && env.TF_PLUGIN_CACHE_DIR !== '' ? env.TF_PLUGIN_CACHE_DIR : pluginCacheDir();
  const args = ['init', '-input=false', '-no-color', ...(opts.backend ? [] : ['-backend=false']), ...(opts.extraArgs ?? [])];

  const run = initQueue.then(() =>
    withCacheLock(cacheDir, () => runTerraform(args, { cwd: key, env, timeoutMs: opts.timeoutMs ?? 10 * 60_000 })),
  );
  initQueue = run.catch(() => undefined);
  initialised.set(key, run);
  run.catch(() => initialised.delete(key)); // allow a retry after failure
  return run;
}

/** Parsed subset of `terraform show -json` state output. */
export interface TerraformStateResource {
  address: string;
  type: string;
  name: string;
  values: Record<string, unknown>;
}

interface ShowJsonModule {
  resources?: TerraformStateResource[];
  child_modules?: ShowJsonModule[];
}

interface ShowJson {
  values?: { root_module?: ShowJsonModule };
}

function collectResources(mod: ShowJsonModule | undefined): TerraformStateResource[] {
  if (!mod) return [];
  return [...(mod.resources ?? []), ...(mod.child_modules ?? []).flatMap(collectResources)];
}

/** Returns every resource (including in child modules) in the working directory's state via `terraform show -json`. */
export async function stateResources(cwd: string, env?: NodeJS.ProcessEnv): Promise<TerraformStateResource[]> {
  const { stdout } = await runTerraform(['show', '-json', '-no-color'], { cwd, env });
  const parsed = JSON.parse(stdout) as ShowJson;
  return collectResources(parsed.values?.root_module);
}

/**
 * Returns the resource addresses in the working directory's state via
 * `terraform state list` (fast: no provider schemas are loaded). A missing
 * state file yields an empty list.
 */
export async function stateAddresses(cwd: string, env?: NodeJS.ProcessEnv): Promise<string[]> {
  const result = await runTerraform(['state', 'list', '-no-color'], { cwd, env, allowExitCodes: [0, 1] });
  if (result.code === 1) {
    if (/No state file was found/i.test(result.stderr + result.stdout)) return [];
    throw new TerraformCommandError(
      `\`terraform state list\` in ${cwd} exited with code 1\n--- output tail ---\n${tailLines(result.stderr, 60)}`,
      1,
      result.stdout,
      result.stderr,
    );
  }
  return result.stdout
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
