/**
 * The moto_server process: spawn it on a loopback port, wait until it answers, stop it (its whole
 * process group: pyenv shims wrap it), and never leave one behind when Node exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { tailLines } from './terraform';

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

/** A moto_server this process started, answering on loopback. */
export interface MotoProcess {
  readonly endpoint: string;
  readonly port: number;
  readonly pid?: number;
  stop(): Promise<void>;
  logTail(lines?: number): string;
}

export interface MotoProcessOptions {
  /** Readiness timeout in ms; default 20 000. */
  readonly readyTimeoutMs?: number;
  /** Extra environment for moto_server. */
  readonly env?: NodeJS.ProcessEnv;
  /** Keep the server running after this process exits, writing its output to this file. */
  readonly persistLogFile?: string;
}

/** What moto_server (werkzeug) prints once it has bound its socket. */
const LISTENING_LINE = /Running on http:\/\/127\.0\.0\.1:(\d+)/;

/**
 * Starts `moto_server` on `port` (0: a free port it binds itself) in its own process group, waits
 * until it says it listens, then until GET /moto-api/ answers. Only the child's own "Running on"
 * line counts as bound: a server that already listens on the port answers /moto-api/ too, and
 * probing a free port first and binding it later lets another process take it in between.
 * Killed with this process unless `persistLogFile` is given.
 */
export async function launchMotoProcess(binary: string, port: number, opts: MotoProcessOptions = {}): Promise<MotoProcess> {
  const output: string[] = [];
  let outputSize = 0;
  const record = (chunk: Buffer): void => {
    output.push(chunk.toString('utf8'));
    outputSize += chunk.length;
    while (outputSize > 256 * 1024 && output.length > 1) outputSize -= (output.shift() ?? '').length;
  };
  const persistFile = opts.persistLogFile;

  installExitHook();
  const logFd = persistFile ? fs.openSync(persistFile, 'a') : undefined;
  // The log file is appended to: only what this child writes after this offset is its own.
  const logStart = logFd === undefined ? 0 : fs.fstatSync(logFd).size;
  const ownOutput = (): string =>
    persistFile ? (fs.existsSync(persistFile) ? fs.readFileSync(persistFile).subarray(logStart).toString('utf8') : '') : output.join('');
  const logTail = (lines = 40): string => tailLines(ownOutput(), lines);
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
  const where = port === 0 ? 'on a free port' : `on port ${port}`;
  let bound: number | undefined;
  for (;;) {
    if (proc.exited) {
      const reason = proc.spawnError ? proc.spawnError.message : `exited with code ${String(proc.exitCode)}`;
      const busy = /address already in use/i.test(ownOutput()) ? ' (address already in use)' : '';
      throw new Error(`moto_server ${where} ${reason}${busy} before becoming ready\n--- moto output tail ---\n${logTail()}`);
    }
    if (bound === undefined) {
      const listening = LISTENING_LINE.exec(ownOutput());
      if (listening) bound = Number(listening[1]);
    }
    if (bound !== undefined && (await isReady(`http://127.0.0.1:${bound}`))) break;
    if (Date.now() > deadline) {
      await stop();
      const state = bound === undefined ? 'did not start listening' : `did not answer GET /moto-api/ on port ${bound}`;
      throw new Error(`moto_server ${where} ${state} within ${timeoutMs} ms\n--- moto output tail ---\n${logTail()}`);
    }
    await sleep(100);
  }

  return { endpoint: `http://127.0.0.1:${bound}`, port: bound, pid: child.pid, stop, logTail };
}
