/**
 * `npm run emulator -- [--port <port>] [--account <id>]`: runs the local AWS emulator in the
 * foreground for tools that take only an endpoint (the cdktf CLI, `terraform`, the `aws` CLI),
 * until Ctrl-C.
 *
 * moto_server listens on a free loopback port behind the Step Functions front (gap
 * sfn-unimplemented-calls in stacks/emulator-gaps.ts), which listens on `--port` and forwards every
 * request it does not answer itself. One address, `AWS_ENDPOINT_URL=http://127.0.0.1:<port>`, then
 * serves every API the stacks use; a bare `moto_server` fails the delivery stack's state machine
 * (the provider validates its definition with a call moto lacks).
 */
import { startEmulator, type Emulator } from './lib/emulator';
import { parseEmulatorArgs } from './lib/emulator-args';
import { MissingPrerequisiteError } from './lib/terraform';

async function main(): Promise<void> {
  const { port, account } = parseEmulatorArgs(process.argv.slice(2));
  delete process.env.AWS_ENDPOINT_URL; // start one; never attach to another
  let emulator: Emulator;
  try {
    emulator = await startEmulator({ accountId: account, frontPort: port });
  } catch (err) {
    const busy = /\(EADDRINUSE\)/.test((err as Error).message);
    throw busy ? new Error(`port ${port} is in use: pick another with --port`) : err;
  }
  const url = emulator.stepFunctionsEndpoint ?? emulator.endpoint;
  const stop = (): void => {
    void emulator.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  setInterval(() => undefined, 1 << 30); // moto and the front are unref'd: this keeps the process in the foreground
  process.stdout.write(
    [
      `Emulator ready at ${url} (account ${account}; moto_server on ${emulator.endpoint}). Ctrl-C stops it.`,
      `export AWS_ENDPOINT_URL=${url} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1`,
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof MissingPrerequisiteError ? 2 : 1);
});
