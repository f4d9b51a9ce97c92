/**
 * What the scripts and tests need on the machine: the repository root, commands on PATH, and a
 * Terraform provider mirror when there is one (offline machines).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Thrown when a required external tool (terraform, moto_server, ...) is unavailable. */
export class MissingPrerequisiteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingPrerequisiteError';
  }
}

/** Install hint used when the terraform binary is missing. */
export const TERRAFORM_INSTALL_HINT = 'install Terraform >= 1.5 (https://developer.hashicorp.com/terraform/install)';

/**
 * Repository root: the nearest ancestor of this file containing package.json
 * (falls back to the current working directory).
 */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** Well-known provider mirror locations (Terraform's implied local mirrors plus /opt/tf-plugins). */
export function defaultMirrorCandidates(): string[] {
  const home = os.homedir();
  const xdgData = process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share');
  return [
    '/opt/tf-plugins',
    path.join(home, '.terraform.d', 'plugins'),
    path.join(xdgData, 'terraform', 'plugins'),
    '/usr/local/share/terraform/plugins',
    '/usr/share/terraform/plugins',
  ];
}

/** Options for {@link findProviderMirror}. */
export interface FindProviderMirrorOptions {
  /** Provider source that must be present, `namespace/type`; default `hashicorp/aws`. */
  provider?: string;
  /** Directories to probe after TF_PROVIDER_MIRROR; default {@link defaultMirrorCandidates}. */
  candidates?: string[];
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Finds a provider filesystem mirror. Env TF_PROVIDER_MIRROR wins if it is a
 * directory; otherwise the first candidate containing
 * `registry.terraform.io/<provider>` is returned. Returns undefined when none.
 */
export function findProviderMirror(opts: FindProviderMirrorOptions = {}): string | undefined {
  const fromEnv = process.env.TF_PROVIDER_MIRROR;
  if (fromEnv && fromEnv.trim() !== '' && isDirectory(fromEnv)) return path.resolve(fromEnv);
  const provider = opts.provider ?? 'hashicorp/aws';
  for (const candidate of opts.candidates ?? defaultMirrorCandidates()) {
    if (isDirectory(path.join(candidate, 'registry.terraform.io', ...provider.split('/')))) {
      return path.resolve(candidate);
    }
  }
  return undefined;
}

/**
 * Returns the absolute path of `name` found on PATH (entries are scanned
 * directly; no shell is involved), or undefined.
 */
export function findCommand(name: string, envPath: string | undefined = process.env.PATH): string | undefined {
  if (name === '' || name.includes('\0')) return undefined;
  const isExecutable = (file: string): boolean => {
    try {
      if (!fs.statSync(file).isFile()) return false;
      fs.accessSync(file, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (name.includes('/') || name.includes(path.sep)) {
    return isExecutable(name) ? path.resolve(name) : undefined;
  }
  const extensions = process.platform === 'win32' ? ['', ...(process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  for (const dir of (envPath ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    for (const ext of extensions) {
      const candidate = path.join(dir, name + ext);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Ensures `name` is on PATH and returns its absolute path; otherwise throws a
 * {@link MissingPrerequisiteError} with the one-line message
 * `<name> not found on PATH: <installHint>`.
 */
export function requireCommand(name: string, installHint: string): string {
  const found = findCommand(name);
  if (!found) {
    throw new MissingPrerequisiteError(`${name} not found on PATH: ${installHint}`.replace(/\s*\r?\n\s*/g, ' '));
  }
  return found;
}
