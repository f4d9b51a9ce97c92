import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startStepFunctionsFront, validateDefinition, type StepFunctionsFront } from '../../../scripts/lib/step-functions-front';

/** An upstream that records what reaches it and answers 201 with a JSON body and a request id. */
function startUpstream(): Promise<{ url: string; seen: { target?: string; body: string }[]; close(): Promise<void> }> {
  const seen: { target?: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ target: req.headers['x-amz-target'] as string | undefined, body: Buffer.concat(chunks).toString('utf8') });
      if (req.url === '/moved') {
        res.writeHead(307, { location: '/elsewhere' });
        res.end();
        return;
      }
      const payload = '{"upstream":true}';
      res.writeHead(201, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'req-1', 'content-length': payload.length });
      res.end(req.method === 'HEAD' ? undefined : payload);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) });
    });
  });
}

function call(front: StepFunctionsFront, action: string, body: object): Promise<Response> {
  return fetch(front.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${action}` },
    body: JSON.stringify(body),
  });
}

describe('the Step Functions front of the emulator (gap sfn-unimplemented-calls)', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let front: StepFunctionsFront;
  beforeAll(async () => {
    upstream = await startUpstream();
    front = await startStepFunctionsFront(upstream.url);
  });
  afterAll(async () => {
    await front.close();
    await upstream.close();
  });

  test('GIVEN a definition that parses and starts at one of its states THEN ValidateStateMachineDefinition answers OK itself', async () => {
    const definition = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
    const res = await call(front, 'ValidateStateMachineDefinition', { definition });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: 'OK', diagnostics: [] });
    expect(upstream.seen.map((s) => s.target)).not.toContain('AWSStepFunctions.ValidateStateMachineDefinition');
  });

  test.each([
    ['not JSON', '{', /not valid JSON/],
    ['no StartAt', '{"States":{}}', /no StartAt/],
    ['a StartAt that is not a state', '{"StartAt":"B","States":{"A":{}}}', /"B" is not one of the definition's States/],
  ])('GIVEN a definition with %s THEN it answers FAIL with a diagnostic', (_what, definition, message) => {
    const answer = validateDefinition(definition) as { result: string; diagnostics: { message: string }[] };
    expect(answer.result).toBe('FAIL');
    expect(answer.diagnostics[0]!.message).toMatch(message);
  });

  test('ListStateMachineVersions answers that an unpublished machine has no versions', async () => {
    const res = await call(front, 'ListStateMachineVersions', { stateMachineArn: 'arn:aws:states:us-east-1:1:stateMachine:m' });
    expect(await res.json()).toEqual({ stateMachineVersions: [] });
  });

  test('every other call reaches the emulator unchanged, and its answer comes back unchanged', async () => {
    const res = await call(front, 'DescribeStateMachine', { stateMachineArn: 'arn:x' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-amzn-requestid')).toBe('req-1');
    expect(await res.json()).toEqual({ upstream: true });
    expect(upstream.seen.at(-1)).toEqual({ target: 'AWSStepFunctions.DescribeStateMachine', body: '{"stateMachineArn":"arn:x"}' });
  });

  test('GIVEN a HEAD request (S3 HeadObject) THEN the answer keeps the length the GET would have', async () => {
    const res = await fetch(`${front.url}/bucket/key`, { method: 'HEAD' });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-length')).toBe(String('{"upstream":true}'.length));
  });

  test('GIVEN a redirect from the emulator THEN the client receives it, not its target', async () => {
    const res = await fetch(`${front.url}/moved`, { redirect: 'manual' });
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('/elsewhere');
  });

  test('GIVEN a port WHEN the front starts THEN it listens there', async () => {
    const probe = await startStepFunctionsFront(upstream.url);
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const fixed = await startStepFunctionsFront(upstream.url, { port });
    try {
      expect(fixed.url).toBe(`http://127.0.0.1:${port}`);
      expect((await call(fixed, 'DescribeStateMachine', {})).status).toBe(201);
    } finally {
      await fixed.close();
    }
  });
});
