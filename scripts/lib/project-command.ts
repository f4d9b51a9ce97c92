/**
 * Runs one of the project's commands from dist/ as `npm run <command>` runs it (node
 * dist/scripts/<script>.js), collecting its output: how the rehearsal and the emulator tests play
 * the operator.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './terraform';

/** The result of one command. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Runs `dist/scripts/<script>.js args` from the project root with `env`. */
export function runProjectCommand(script: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot(), 'dist', 'scripts', `${script}.js`), ...args], {
      cwd: repoRoot(),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr, seconds: (Date.now() - started) / 1000 }));
  });
}
