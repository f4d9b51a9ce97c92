/**
 * A small front for the emulator's Step Functions API (gap sfn-unimplemented-calls in
 * stacks/emulator-gaps.ts): it answers the two calls moto 5.2.1 lacks and the AWS provider makes
 * — ValidateStateMachineDefinition (on every create or change of a definition) and
 * ListStateMachineVersions (on every read) — and forwards every other request to the emulator
 * unchanged. Terraform reaches it through AWS_ENDPOINT_URL_SFN; it listens on loopback only.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running front. */
export interface StepFunctionsFront {
  /** Base URL, e.g. `http://127.0.0.1:43122`. */
  readonly url: string;
  close(): Promise<void>;
}

type JsonObject = Record<string, unknown>;

/**
 * What ValidateStateMachineDefinition answers: OK for a definition that parses as JSON and whose
 * StartAt names one of its States; FAIL with a diagnostic otherwise (the real API checks far more:
 * AWS does that when the same stack is applied there).
 */
export function validateDefinition(definition: unknown): JsonObject {
  const fail = (message: string): JsonObject => ({
    result: 'FAIL',
    diagnostics: [{ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message }],
  });
  if (typeof definition !== 'string') return fail('definition is missing');
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition);
  } catch (err) {
    return fail(`definition is not valid JSON: ${(err as Error).message}`);
  }
  const machine = parsed as { StartAt?: unknown; States?: unknown };
  if (typeof machine.StartAt !== 'string') return fail('definition has no StartAt');
  if (typeof machine.States !== 'object' || machine.States === null || !(machine.StartAt in machine.States)) {
    return fail(`StartAt "${machine.StartAt}" is not one of the definition's States`);
  }
  return { result: 'OK', diagnostics: [] };
}

/** The answer to the calls the front answers itself, or undefined to forward the request. */
export function localAnswer(target: string | undefined, body: string): JsonObject | undefined {
  const action = target?.split('.').at(-1);
  if (action === 'ValidateStateMachineDefinition') {
    let request: JsonObject = {};
    try {
      request = JSON.parse(body) as JsonObject;
    } catch {
      // an unreadable request validates nothing
    }
    return validateDefinition(request.definition);
  }
  // The stack never publishes versions (publish = false), so there are none to list.
  if (action === 'ListStateMachineVersions') return { stateMachineVersions: [] };
  return undefined;
}

const HOP_BY_HOP = new Set(['connection', 'content-length', 'host', 'keep-alive', 'transfer-encoding']);

async function forward(upstream: string, req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const answer = await fetch(`${upstream}${req.url ?? '/'}`, {
    method: req.method,
    headers,
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
    redirect: 'manual', // a redirect is the client's to follow, as without the front
  });
  const payload = Buffer.from(await answer.arrayBuffer());
  const out: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && name !== 'content-encoding') out[name] = value;
  });
  // A HEAD answer has no body but says how long the GET's would be (S3 HeadObject: the object's size).
  const length = req.method === 'HEAD' ? (answer.headers.get('content-length') ?? '0') : String(payload.length);
  res.writeHead(answer.status, { ...out, 'content-length': length });
  res.end(req.method === 'HEAD' ? undefined : payload);
}

/** Options of {@link startStepFunctionsFront}. */
export interface StepFunctionsFrontOptions {
  /**
   * The loopback port to listen on.
   * @default a free port
   */
  readonly port?: number;
}

/**
 * Starts a front for the Step Functions API of the emulator at `upstream`, on loopback. Every
 * request it does not answer itself goes to `upstream` unchanged, so the front can also stand in
 * for the whole emulator (`npm run emulator`).
 */
export async function startStepFunctionsFront(upstream: string, opts: StepFunctionsFrontOptions = {}): Promise<StepFunctionsFront> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const header = req.headers['x-amz-target'];
      const local = localAnswer(Array.isArray(header) ? header[0] : header, body.toString('utf8'));
      if (local) {
        const payload = JSON.stringify(local);
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(Buffer.byteLength(payload)) });
        res.end(payload);
        return;
      }
      forward(upstream, req, body, res).catch((err: unknown) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`Step Functions front: ${upstream} did not answer: ${(err as Error).message}`);
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  server.unref(); // never the reason a command keeps running
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
