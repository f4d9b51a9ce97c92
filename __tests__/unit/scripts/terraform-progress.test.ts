/**
 * Progress from Terraform's machine-readable output, on lines recorded from real runs on the
 * emulator (__tests__/fixtures/terraform-ui/): the dev state bootstrap apply, a subset of the
 * dev delivery apply and plan (every line of eight resources, the version and the summary,
 * unchanged), and an apply that fails (a CloudFront API the emulator lacks).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  parseUiLine,
  renderDiagnostic,
  renderErrors,
  renderProgressLine,
  renderWarnings,
  shortAddress,
  TerraformProgress,
  type TerraformUiMessage,
} from '../../../scripts/lib/terraform-progress';

const fixtures = join(__dirname, '../../fixtures/terraform-ui');

function messages(name: string): TerraformUiMessage[] {
  return readFileSync(join(fixtures, name), 'utf8')
    .split('\n')
    .map(parseUiLine)
    .filter((m): m is TerraformUiMessage => m !== undefined);
}

/** The progress after every message up to (and including) `until` (an ISO time), and that moment. */
function progressAt(name: string, until?: string): { progress: TerraformProgress; now: number } {
  const progress = new TerraformProgress();
  const all = messages(name);
  const limit = until ? Date.parse(until) : Date.parse(all.at(-1)!['@timestamp']);
  for (const m of all) if (Date.parse(m['@timestamp']) <= limit) progress.consume(m);
  return { progress, now: limit };
}

describe('parseUiLine', () => {
  test('GIVEN a line of terraform -json output THEN it is parsed with its type and timestamp', () => {
    const first = readFileSync(join(fixtures, 'delivery-apply.jsonl'), 'utf8').split('\n')[0]!;
    expect(parseUiLine(first)).toEqual(
      expect.objectContaining({ type: 'version', '@timestamp': '2026-12-01T20:28:51.563256Z', '@message': 'Terraform 1.11.4' }),
    );
  });

  test.each(['', 'Acquiring state lock. This may take a few moments...', '{"not": "a ui message"}', '{broken'])(
    'GIVEN %p THEN it is not a UI message',
    (line) => {
      expect(parseUiLine(line)).toBeUndefined();
    },
  );
});

describe('TerraformProgress on the recorded delivery apply', () => {
  test('GIVEN the plan is made WHEN nothing is applied yet THEN it is planning with 0 of 7 changes done (the data source read is no change)', () => {
    const { progress, now } = progressAt('delivery-apply.jsonl', '2026-12-01T20:28:57.700Z');
    expect(progress.snapshot(now)).toEqual(expect.objectContaining({ phase: 'planning', total: 7, done: 0, waiting: [] }));
  });

  test('GIVEN the ALB, the lifecycle configuration and the database in flight THEN they are the waiting list, longest first, with their seconds', () => {
    const { progress, now } = progressAt('delivery-apply.jsonl', '2026-12-01T20:29:50.800Z');
    const snapshot = progress.snapshot(now);
    expect(snapshot).toEqual(expect.objectContaining({ phase: 'applying', total: 7, done: 3, failed: 0, elapsedSeconds: 59 }));
    expect(snapshot.waiting).toEqual([
      { address: 'aws_s3_bucket_lifecycle_configuration.access-logs_lifecycle_CF942975', action: 'create', seconds: 50 },
      { address: 'aws_lb.load-balancer_alb_15AADC07', action: 'create', seconds: 40 },
      { address: 'aws_db_instance.data_db_0EABCE7B', action: 'create', seconds: 39 },
    ]);
  });

  test('GIVEN only the database left THEN the line shows done/total, the elapsed time and the database with its wait', () => {
    const { progress, now } = progressAt('delivery-apply.jsonl', '2026-12-01T20:30:15.000Z');
    expect(renderProgressLine('apply delivery-dev', progress.snapshot(now))).toBe(
      'apply delivery-dev: 5/7 done, 1m23s; waiting on aws_db_instance.data_db (1m03s)',
    );
  });

  test("GIVEN the whole run THEN every change is done, nothing waits and Terraform's summary is kept", () => {
    const { progress, now } = progressAt('delivery-apply.jsonl');
    expect(progress.snapshot(now)).toEqual(
      expect.objectContaining({ total: 7, done: 7, waiting: [], summary: 'Apply complete! Resources: 87 added, 0 changed, 0 destroyed.' }),
    );
  });

  test('GIVEN more in flight than are shown THEN the line names the longest and counts the rest', () => {
    const { progress, now } = progressAt('delivery-apply.jsonl', '2026-12-01T20:29:50.800Z');
    expect(renderProgressLine('apply', progress.snapshot(now), { shown: 1 })).toBe(
      'apply: 3/7 done, 59s; waiting on aws_s3_bucket_lifecycle_configuration.access-logs_lifecycle (50s) +2 more',
    );
  });

  test('GIVEN a narrow terminal THEN the line is cut to its width', () => {
    const { progress, now } = progressAt('delivery-apply.jsonl', '2026-12-01T20:29:50.800Z');
    const line = renderProgressLine('apply delivery-dev', progress.snapshot(now), { width: 40 });
    expect(line).toHaveLength(40);
    expect(line.endsWith('…')).toBe(true);
  });
});

test('GIVEN only the version line THEN the line says Terraform is starting', () => {
  const { progress, now } = progressAt('delivery-apply.jsonl', '2026-12-01T20:28:55.000Z');
  expect(renderProgressLine('apply delivery-dev', progress.snapshot(now))).toBe(
    'apply delivery-dev: starting (terraform and the provider load), 3s',
  );
});

describe('TerraformProgress on the recorded delivery plan', () => {
  test('GIVEN a plan THEN it counts the resources read back and ends with the plan summary', () => {
    const { progress, now } = progressAt('delivery-plan.jsonl');
    const snapshot = progress.snapshot(now);
    expect(snapshot).toEqual(expect.objectContaining({ phase: 'planning', total: 0, read: 8, waiting: [] }));
    expect(snapshot.summary).toMatch(/^No changes\.|^Plan: /);
    expect(renderProgressLine('plan delivery-dev', snapshot)).toMatch(/^plan delivery-dev: 8 read, \d+s$/);
  });

  test('GIVEN a refresh in flight THEN it is waited on as a read', () => {
    const all = messages('delivery-plan.jsonl');
    const start = all.find((m) => m.type === 'refresh_start')!;
    const progress = new TerraformProgress();
    for (const m of all.slice(0, all.indexOf(start) + 1)) progress.consume(m);
    expect(progress.snapshot(Date.parse(start['@timestamp']) + 2_000).waiting).toEqual([
      { address: start.hook!.resource!.addr, action: 'read', seconds: 2 },
    ]);
  });
});

describe('diagnostics', () => {
  test('GIVEN an apply where one of two creates fails THEN one is done, one failed and nothing waits', () => {
    const { progress, now } = progressAt('apply-error.jsonl');
    expect(progress.snapshot(now)).toEqual(expect.objectContaining({ done: 1, total: 2, failed: 1, waiting: [] }));
  });

  test('GIVEN the failure THEN the error is rendered in full as Terraform prints it: summary, resource, file and line, code', () => {
    const { progress } = progressAt('apply-error.jsonl');
    expect(renderErrors(progress.diagnostics)).toBe(
      [
        'Error: creating CloudFront Origin Request Policy (progress-fixture): operation error CloudFront: CreateOriginRequestPolicy, https response error StatusCode: 404, RequestID: , error while deserializing xml error response: XML syntax error on line 2: unquoted or missing attribute value in element',
        '',
        '  with aws_cloudfront_origin_request_policy.p,',
        '  on main.tf.json line 41, in resource.aws_cloudfront_origin_request_policy.p:',
        '  41:       }',
      ].join('\n'),
    );
  });

  test('GIVEN a diagnostic with a detail and a multi-line snippet THEN every code line is numbered and the detail follows', () => {
    const [warning] = progressAt('bootstrap-apply.jsonl').progress.diagnostics;
    const text = renderDiagnostic(warning!);
    expect(text.split('\n').slice(0, 5)).toEqual([
      'Warning: Argument is deprecated',
      '',
      '  with aws_s3_bucket.state_bucket_803B4E61,',
      '  on cdk.tf.json line 58, in resource.aws_s3_bucket.state_bucket_803B4E61:',
      '  58:         "lifecycle_rule": [',
    ]);
    expect(text).toMatch(
      /\n {2}67: {9}\]\n\nlifecycle_rule is deprecated\. Use the aws_s3_bucket_lifecycle_configuration resource instead\.$/,
    );
  });

  test('GIVEN the same warning several times (bootstrap apply: plan and apply) THEN it is listed once, on one line', () => {
    const { progress } = progressAt('bootstrap-apply.jsonl');
    expect(progress.diagnostics.filter((d) => d.severity === 'warning').length).toBeGreaterThan(1);
    expect(renderWarnings(progress.diagnostics)).toEqual([
      'Warning: Argument is deprecated (aws_s3_bucket.state_bucket_803B4E61): lifecycle_rule is deprecated. Use the aws_s3_bucket_lifecycle_configuration resource instead.',
    ]);
  });

  test('GIVEN only warnings THEN there are no errors to render', () => {
    expect(renderErrors(progressAt('bootstrap-apply.jsonl').progress.diagnostics)).toBeUndefined();
  });
});

test('shortAddress drops the hash cdktf appends, keeps an index', () => {
  expect(shortAddress('aws_db_instance.data_db_0EABCE7B')).toBe('aws_db_instance.data_db');
  expect(shortAddress('aws_subnet.network_lb-subnet-0_2BAAC000[0]')).toBe('aws_subnet.network_lb-subnet-0[0]');
  expect(shortAddress('aws_cloudfront_origin_request_policy.p')).toBe('aws_cloudfront_origin_request_policy.p');
});
