/**
 * The S3 lock file Terraform leaves behind when an apply is killed (`use_lockfile`: an object
 * `<state key>.tflock` beside the state), who holds it, and whether that holder still runs.
 *
 * Terraform writes its lock info there as JSON: the lock ID, the operation, `Who` (`user@host`),
 * the version and the creation time; no process ID. A holder on this machine is found by its
 * process: a live `terraform` whose working directory is initialised with the same bucket and
 * key. A holder on another machine cannot be seen from here, so it is never assumed gone.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { errorName } from '../adopt/aws';

/** Terraform's lock info, as written to the lock file. */
export interface LockInfo {
  readonly ID: string;
  readonly Operation: string;
  readonly Info?: string;
  readonly Who: string;
  readonly Version?: string;
  readonly Created: string;
  readonly Path?: string;
}

/** A live Terraform process using the same backend state. */
export interface LockHolder {
  readonly pid: number;
  /** Its working directory. */
  readonly cwd: string;
  /** Its command line. */
  readonly command: string;
}

/** Whether the holder of a lock still runs. */
export type OwnerStatus =
  | { readonly state: 'alive'; readonly holders: readonly LockHolder[] }
  | { readonly state: 'gone' }
  | { readonly state: 'unknown'; readonly why: string };

/** The key of the lock file of a state key. */
export function lockKey(stateKey: string): string {
  return `${stateKey}.tflock`;
}

/** The lock on `s3://bucket/stateKey`, or undefined when there is none. */
export async function readLock(s3: S3Client, bucket: string, stateKey: string): Promise<LockInfo | undefined> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: lockKey(stateKey) }));
    const text = (await out.Body?.transformToString()) ?? '';
    return JSON.parse(text) as LockInfo;
  } catch (err) {
    if (['NoSuchKey', 'NotFound'].includes(errorName(err) ?? '')) return undefined;
    throw err;
  }
}

/** `1 h 4 min`, `3 min`, `12 s`. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}

/** One paragraph naming the lock, its owner, its operation and its age. */
export function describeLock(lock: LockInfo, location: string, now: Date = new Date()): string {
  const created = new Date(lock.Created);
  const age = Number.isNaN(created.getTime()) ? 'of unknown age' : `${formatAge(now.getTime() - created.getTime())} old`;
  const operation = lock.Operation.replace(/^OperationType/, '').toLowerCase() || 'unknown operation';
  return `${location} is locked by ${lock.Who} for ${operation}, since ${lock.Created} (${age}); lock ID ${lock.ID}, Terraform ${lock.Version ?? '?'}`;
}

/** The host part of `Who` (`user@host`). */
export function lockHost(lock: LockInfo): string {
  const at = lock.Who.lastIndexOf('@');
  return at < 0 ? lock.Who : lock.Who.slice(at + 1);
}

/** The S3 backend a working directory is initialised with, if any. */
function backendOf(dir: string): { bucket?: string; key?: string; endpoint?: string } | undefined {
  const file = join(dir, '.terraform', 'terraform.tfstate');
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
      backend?: { type?: string; config?: { bucket?: string; key?: string; endpoints?: { s3?: string } } };
    };
    const config = parsed.backend?.config ?? {};
    return parsed.backend?.type === 's3'
      ? { bucket: config.bucket, key: config.key, endpoint: config.endpoints?.s3 ?? undefined }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The S3 endpoint a process talks to: from its backend config or its environment; '' for AWS. */
function endpointOf(environ: string, configured: string | undefined): string {
  const vars = new Map(
    environ
      .split('\0')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as const),
  );
  return normaliseEndpoint(configured ?? vars.get('AWS_ENDPOINT_URL_S3') ?? vars.get('AWS_ENDPOINT_URL') ?? '');
}

const normaliseEndpoint = (url: string): string => url.trim().replace(/\/+$/, '');

/**
 * Live `terraform` processes on this machine whose working directory uses `s3://bucket/stateKey`
 * on the same S3 endpoint (`endpoint`: an emulator's URL, or '' for AWS: two emulators hold
 * buckets of the same name). `procRoot` is `/proc`; undefined when there is no such file system.
 */
export function lockHolders(bucket: string, stateKey: string, endpoint: string, procRoot = '/proc'): LockHolder[] | undefined {
  if (!existsSync(join(procRoot, 'self'))) return undefined;
  const holders: LockHolder[] = [];
  for (const entry of readdirSync(procRoot)) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(join(procRoot, entry, 'comm'), 'utf8').trim();
      if (comm !== 'terraform') continue;
      const cwd = readlinkSync(join(procRoot, entry, 'cwd'));
      const backend = backendOf(cwd);
      if (backend?.bucket !== bucket || backend.key !== stateKey) continue;
      const environ = existsSync(join(procRoot, entry, 'environ')) ? readFileSync(join(procRoot, entry, 'environ'), 'utf8') : '';
      if (endpointOf(environ, backend.endpoint) !== normaliseEndpoint(endpoint)) continue;
      const command = readFileSync(join(procRoot, entry, 'cmdline'), 'utf8')
        .split('\0')
        .filter(Boolean)
        .join(' ');
      holders.push({ pid: Number(entry), cwd, command });
    } catch {
      // The process ended while being read, or is not ours to read.
    }
  }
  return holders;
}

/** Whether the lock's holder still runs, as far as this machine can tell. */
export function ownerStatus(lock: LockInfo, holders: readonly LockHolder[] | undefined, thisHost: string = hostname()): OwnerStatus {
  const host = lockHost(lock);
  if (host !== thisHost) {
    return {
      state: 'unknown',
      why: `it was taken on ${host}, not on this machine (${thisHost}), whose processes cannot be seen from here`,
    };
  }
  if (holders === undefined) return { state: 'unknown', why: 'this machine has no /proc to list its processes' };
  return holders.length > 0 ? { state: 'alive', holders } : { state: 'gone' };
}
