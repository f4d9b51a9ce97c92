/** How the operator commands end (recover, unlock): their exit code, or a message and 2 or 1. */
import { AggregateConfigError, ConfigError } from '../../config/load';
import { MissingPrerequisiteError } from './terraform';

/**
 * Runs `main` and exits with its code. An error prints its message only (no stack trace) and
 * exits 2 when the command was called wrongly (usage, missing tool, bad environment file), else 1.
 */
export function runCommandMain(main: () => Promise<number>): void {
  main()
    .then((code) => process.exit(code))
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      const usage = err instanceof MissingPrerequisiteError || err instanceof ConfigError || err instanceof AggregateConfigError;
      process.exit(usage ? 2 : 1);
    });
}
