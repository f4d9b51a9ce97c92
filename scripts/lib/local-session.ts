/**
 * The emulator session `npm run deploy:local` records in .tmp/local/emulator.json, read by
 * destroy:local, unlock and recover to reach the same emulator.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './terraform';

/**
 * Scratch space of the local commands (deploy:local's session and synth, unlock's and recover's
 * synth): FINTECH_WORK_DIR when set (a test's own folder), else .tmp/ in the project.
 */
export const WORK_ROOT = process.env.FINTECH_WORK_DIR?.trim() || join(repoRoot(), '.tmp');
export const LOCAL_WORK_DIR = join(WORK_ROOT, 'local');
export const SESSION_FILE = join(LOCAL_WORK_DIR, 'emulator.json');

export interface Session {
  endpoint: string;
  /** PID of the moto_server this command started; absent for AWS_ENDPOINT_URL. */
  pid?: number;
  environment: string;
}

/** The recorded session, if any. */
export function readSession(): Session | undefined {
  if (!existsSync(SESSION_FILE)) return undefined;
  return JSON.parse(readFileSync(SESSION_FILE, 'utf8')) as Session;
}

/** True when an emulator answers at `endpoint`. */
export async function isAnswering(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2_000) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * The emulator an environment's state lives on: AWS_ENDPOINT_URL when set, else the deploy:local
 * session when it deployed that environment; undefined for real AWS.
 */
export function emulatorEndpointFor(environment: string): string | undefined {
  const explicit = process.env.AWS_ENDPOINT_URL?.trim();
  if (explicit) return explicit;
  const session = readSession();
  return session?.environment === environment ? session.endpoint : undefined;
}
