/**
 * Local AWS API emulator (moto server) lifecycle for end-to-end tests.
 *
 * {@link startEmulator} reuses an emulator named by env AWS_ENDPOINT_URL or
 * starts `moto_server` on a free loopback port, waits until it answers,
 * and makes moto's simulated state transitions immediate.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { MissingPrerequisiteError, projectTerraformEnv, requireCommand, tailLines } from './terraform';

export { MissingPrerequisiteError };

/** Install hint used when moto_server is missing. */
export const MOTO_INSTALL_HINT = 'pip install "moto[server]"';

/**
 * moto models (state-manager names) whose default transition is *not*
 * immediate and which only move towards a ready/terminal state, so making
 * them immediate removes artificial "still creating" polls. From moto 5.2's
 * `state_manager.register_default_transition(...)` calls.
 *
 * Deliberately excluded: `ecs::task` (RUNNING -> ... -> STOPPED: immediate
 * would make every task stop at once) and `support::case`.
 */
export const IMMEDIATE_TRANSITION_MODELS: readonly string[] = [
  'cloudfront::distribution', // InProgress -> Deployed (aws_cloudfront_distribution wait_for_deployment)
  'dax::cluster', // creating -> available, deleting -> deleted
  'dms::replicationinstance', // creating -> available
  'dms::connection', // testing -> successful
  'dsql::cluster', // CREATING -> ACTIVE
  'pipes::pipe', // CREATING -> RUNNING, ...
  'glue::crawl', // RUNNING -> COMPLETED
  'batch::job', // SUBMITTED -> ... -> SUCCEEDED
  'transcribe::vocabulary',
  'transcribe::medicalvocabulary',
  'transcribe::transcriptionjob',
  'transcribe::medicaltranscriptionjob',
];

/** A running (or externally provided) emulator. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:43121`. */
  endpoint: string;
  /** TCP port of the endpoint. */
  port: number;
  /** True when this process started the emulator (false for AWS_ENDPOINT_URL). */
  owned: boolean;
  /** PID of the moto_server process this process started (undefined for external emulators). */
  pid?: number;
  /** Clears all emulated resources (`POST /moto-api/reset`) and re-applies transitions. */
  reset(): Promise<void>;
  /** Stops the emulator if this process started it and waits for it to exit; no-op otherwise. */
  stop(): Promise<void>;
  /** Last lines of the emulator's stderr/stdout (empty for external emulators). */
  logTail(lines?: number): string;
}

/** Options for {@link startEmulator}. */
export interface StartEmulatorOptions {
  /** Port to use instead of a free one. */
  port?: number;
  /** Readiness timeout in ms; default 20 000. */
  readyTimeoutMs?: number;
  /** Model names to make immediate; default {@link IMMEDIATE_TRANSITION_MODELS}. */
  immediateModels?: readonly string[];
  /** Extra environment for moto_server. */
  env?: NodeJS.ProcessEnv;
  /** Binary name; default `moto_server`. */
  binary?: string;
  /**
   * Keep the emulator running after this process exits (`npm run deploy:local`), writing its
   * output to this file; stop it later with {@link stopEmulatorProcess}.
   */
  persistLogFile?: string;
}

/** Stops an emulator started with `persistLogFile` by another process; true if it was running. */
export async function stopEmulatorProcess(pid: number): Promise<boolean> {
  const alive = (): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return false;
  const signal = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };
  signal('SIGTERM');
  for (let i = 0; i < 50 && alive(); i++) await sleep(100);
  if (alive()) signal('SIGKILL');
  return true;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Returns a currently free TCP port on 127.0.0.1 (bind port 0, read it, close). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not determine a free loopback port'));
        return;
      }
      const { port } = address;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** POSTs JSON to `<endpoint><path>` and throws on a non-2xx answer. */
async function postJson(endpoint: string, path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${endpoint}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${endpoint}${path} answered ${res.status}: ${text.slice(0, 500)}`);
}

/** Makes the given moto models' simulated state transitions immediate. */
export async function setImmediateTransitions(endpoint: string, models: readonly string[]): Promise<void> {
  for (const model of models) {
    await postJson(endpoint, '/moto-api/state-manager/set-transition', {
      model_name: model,
      transition: { progression: 'immediate' },
    });
  }
}

/** Clears all state of a moto emulator. */
export async function resetEmulator(endpoint: string): Promise<void> {
  await postJson(endpoint, '/moto-api/reset');
}

/** True when `GET <endpoint>/moto-api/` answers 2xx within 2 s. */
async function isReady(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/** Live emulator children, killed synchronously if Node exits without stop(). */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // whole process group (spawned detached)
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of liveChildren) killGroup(child, 'SIGKILL');
  });
  // The emulator runs in its own process group, so terminal signals don't
  // reach it: forward them, then restore the default behaviour.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const handler = (): void => {
      for (const child of liveChildren) killGroup(child, 'SIGKILL');
      liveChildren.clear();
      process.removeListener(signal, handler);
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, handler);
  }
}

function parseEndpoint(url: string): { endpoint: string; port: number } {
  const parsed = new URL(url);
  const port = parsed.port !== '' ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
  return { endpoint: `${parsed.protocol}//${parsed.host}`, port };
}

/**
 * Starts (or attaches to) an AWS emulator.
 *
 * If env AWS_ENDPOINT_URL is set it is used as-is and nothing is started.
 * Otherwise `moto_server` must be on PATH (else {@link MissingPrerequisiteError});
 * it is started on a free 127.0.0.1 port with MOTO_IAM_LOAD_MANAGED_POLICIES=true,
 * awaited (GET /moto-api/), and transitions listed in
 * {@link IMMEDIATE_TRANSITION_MODELS} are made immediate.
 */
export async function startEmulator(opts: StartEmulatorOptions = {}): Promise<Emulator> {
  const models = opts.immediateModels ?? IMMEDIATE_TRANSITION_MODELS;
  const external = process.env.AWS_ENDPOINT_URL;
  if (external && external.trim() !== '') {
    const { endpoint, port } = parseEndpoint(external.trim());
    // Best effort: the external emulator may not be moto.
    await setImmediateTransitions(endpoint, models).catch(() => undefined);
    return {
      endpoint,
      port,
      owned: false,
      reset: async () => {
        await resetEmulator(endpoint);
        await setImmediateTransitions(endpoint, models).catch(() => undefined);
      },
      stop: () => Promise.resolve(),
      logTail: () => '',
    };
  }

  const binary = opts.binary ?? 'moto_server';
  requireCommand(binary, MOTO_INSTALL_HINT);

  // A free port can be taken between probing and moto binding it: retry.
  const attempts = opts.port !== undefined ? 1 : 3;
  let lastError: Error | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = opts.port ?? (await freeLoopbackPort());
    try {
      return await launchMoto(binary, port, models, opts);
    } catch (err) {
      lastError = err as Error;
      if (!/address already in use/i.test(lastError.message)) throw lastError;
    }
  }
  throw lastError ?? new Error('moto_server failed to start');
}

async function launchMoto(binary: string, port: number, models: readonly string[], opts: StartEmulatorOptions): Promise<Emulator> {
  const endpoint = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  let outputSize = 0;
  const record = (chunk: Buffer): void => {
    output.push(chunk.toString('utf8'));
    outputSize += chunk.length;
    while (outputSize > 256 * 1024 && output.length > 1) outputSize -= (output.shift() ?? '').length;
  };
  const persistFile = opts.persistLogFile;
  const logTail = (lines = 40): string =>
    tailLines(persistFile ? (fs.existsSync(persistFile) ? fs.readFileSync(persistFile, 'utf8') : '') : output.join(''), lines);

  installExitHook();
  const logFd = opts.persistLogFile ? fs.openSync(opts.persistLogFile, 'a') : undefined;
  const child = spawn(binary, ['-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', ...opts.env },
    stdio: logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd],
    detached: true, // own process group, so stop() can kill wrappers (pyenv shims) too
  });
  if (logFd === undefined) {
    liveChildren.add(child);
    child.stdout?.on('data', record);
    child.stderr?.on('data', record);
  } else {
    fs.closeSync(logFd);
  }

  // Mutated by child callbacks; kept in an object so control-flow narrowing can't go stale.
  const proc: { exited: boolean; exitCode: number | null; spawnError: Error | undefined } = {
    exited: false,
    exitCode: null,
    spawnError: undefined,
  };
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code) => {
      proc.exited = true;
      proc.exitCode = code;
      liveChildren.delete(child);
      resolve();
    });
    child.once('error', (err) => {
      proc.spawnError = err;
      proc.exited = true;
      liveChildren.delete(child);
      resolve();
    });
  });
  // Don't let the emulator keep Node alive; the exit hook kills it.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) {
    if (stream instanceof net.Socket) stream.unref();
  }

  const stop = async (): Promise<void> => {
    if (proc.exited) return;
    killGroup(child, 'SIGTERM');
    const killTimer = setTimeout(() => {
      killGroup(child, 'SIGKILL');
    }, 5_000);
    await exitPromise;
    clearTimeout(killTimer);
  };

  const timeoutMs = opts.readyTimeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exited) {
      const reason = proc.spawnError ? proc.spawnError.message : `exited with code ${String(proc.exitCode)}`;
      throw new Error(`moto_server on port ${port} ${reason} before becoming ready\n--- moto output tail ---\n${logTail()}`);
    }
    if (await isReady(endpoint)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `moto_server on ${endpoint} did not answer GET /moto-api/ within ${timeoutMs} ms\n--- moto output tail ---\n${logTail()}`,
      );
    }
    await sleep(100);
  }

  try {
    await setImmediateTransitions(endpoint, models);
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    endpoint,
    port,
    owned: true,
    pid: child.pid,
    reset: async () => {
      await resetEmulator(endpoint);
      await setImmediateTransitions(endpoint, models);
    },
    stop,
    logTail,
  };
}

/**
 * Environment variables pointing the AWS provider / SDKs at the emulator
 * with fake credentials in us-east-1.
 */
export function emulatorAwsEnv(endpoint: string): NodeJS.ProcessEnv {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '2',
  };
}

/** Terraform's environment against an emulator: the provider and the S3 backend both point there. */
export function emulatorTerraformEnv(endpoint: string): NodeJS.ProcessEnv {
  return projectTerraformEnv({ ...emulatorAwsEnv(endpoint), AWS_ENDPOINT_URL_S3: endpoint });
}
