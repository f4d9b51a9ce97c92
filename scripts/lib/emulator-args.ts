/** The arguments of `npm run emulator` (scripts/emulator.ts). */
import { MissingPrerequisiteError } from './terraform';

const USAGE = 'usage: npm run emulator -- [--port <port, 0 for any free one>] [--account <12-digit account ID>]';
const DEFAULT_PORT = 5000;
const DEFAULT_ACCOUNT = '123456789012';

export interface EmulatorArgs {
  /** Where the emulator answers (`--port`; default 5000; 0: a free port, named in the ready line). */
  readonly port: number;
  /** The account it answers as (`--account`; default moto's 123456789012, dev's account). */
  readonly account: string;
}

/** Reads `--port` and `--account` (as `--name value` or `--name=value`); refuses anything else. */
export function parseEmulatorArgs(args: readonly string[]): EmulatorArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const match = /^--(port|account)(?:=(.*))?$/.exec(args[i]!);
    if (!match) throw new MissingPrerequisiteError(`unknown argument "${args[i]}"\n${USAGE}`);
    const value = match[2] ?? args[++i];
    if (value === undefined) throw new MissingPrerequisiteError(`--${match[1]} needs a value\n${USAGE}`);
    values.set(match[1]!, value);
  }
  const port = Number(values.get('port') ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new MissingPrerequisiteError(`--port "${values.get('port')}" is not a TCP port (1–65535, or 0 for any free one)\n${USAGE}`);
  }
  const account = values.get('account') ?? DEFAULT_ACCOUNT;
  if (!/^\d{12}$/.test(account)) {
    throw new MissingPrerequisiteError(`--account "${account}" is not a 12-digit AWS account ID\n${USAGE}`);
  }
  return { port, account };
}
