/**
 * The synth command as a user runs it (node scripts/run-app.js): a bad environment file stops it
 * before anything is written, with a message naming the file, the field, the value and the rule.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(__dirname, '../../..');
let work: string;

function runSynth(env: Record<string, string>): { status: number | null; stderr: string; outdir: string } {
  const outdir = join(work, 'out');
  const result = spawnSync(process.execPath, [join(root, 'scripts/run-app.js')], {
    cwd: root,
    env: { ...process.env, FINTECH_CONFIG_DIR: join(work, 'config'), CDKTF_OUTDIR: outdir, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr, outdir };
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'synth-cli-'));
  cpSync(join(root, 'config'), join(work, 'config'), { recursive: true, filter: (src) => !src.endsWith('.ts') });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

test('GIVEN valid environments WHEN synth runs THEN every stack is written', () => {
  const { status, outdir } = runSynth({});
  expect(status).toBe(0);
  for (const stack of ['delivery-production', 'delivery-dev', 'state-bootstrap-production', 'state-bootstrap-dev']) {
    expect(existsSync(join(outdir, 'stacks', stack, 'cdk.tf.json'))).toBe(true);
  }
});

test('GIVEN no terraform on PATH WHEN synth runs THEN it still writes every stack: synth never starts Terraform', () => {
  // Only node's own directory: no terraform (cdktf's DataResource would run `terraform version`).
  const { status, stderr, outdir } = runSynth({ PATH: dirname(process.execPath) });
  expect(stderr).not.toMatch(/Could not determine version of terraform/);
  expect(status).toBe(0);
  expect(existsSync(join(outdir, 'stacks', 'delivery-production', 'cdk.tf.json'))).toBe(true);
});

test('GIVEN production as checked in WHEN synth runs THEN it succeeds and warns on stderr about the TLS floor, the unsubscribed alarms and the unpinned adoptions', () => {
  const { status, stderr } = runSynth({ ENVIRONMENTS: 'production' });
  expect(status).toBe(0);
  expect(stderr).toMatch(/Environment production: 4 warnings; synth continues\./);
  expect(stderr).toMatch(/edge\.certificateArn: .*accepts TLS 1\.0/);
  expect(stderr).toMatch(/monitoring\.alarmSubscriptions: is empty/);
  expect(stderr).toMatch(/config\/production\.imports\.json: pins no ID for loadBalancer/);
  expect(stderr).toMatch(/config\/production\.imports\.json: does not pin the distribution d17sqls800e6wq\.cloudfront\.net/);
});

test('GIVEN dev WHEN synth runs THEN it prints no warning', () => {
  const { status, stderr } = runSynth({ ENVIRONMENTS: 'dev' });
  expect(status).toBe(0);
  expect(stderr).not.toMatch(/warning/i);
});

test('GIVEN an invalid CPU in one file WHEN synth runs THEN it exits 1, names file/field/value/rule, and writes nothing', () => {
  const file = join(work, 'config', 'production.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { service: { cpu: number } };
  data.service.cpu = 300;
  writeFileSync(file, JSON.stringify(data));

  const { status, stderr, outdir } = runSynth({});

  expect(status).toBe(1);
  expect(stderr).toMatch(/production\.json/);
  expect(stderr).toMatch(/service\.cpu: got 300; must be a Fargate CPU size: 256, 512, 1024, 2048, 4096, 8192, 16384/);
  expect(stderr).toMatch(/Nothing was synthesized\./);
  expect(existsSync(outdir)).toBe(false);
});

test('GIVEN a file that is not JSON WHEN synth runs THEN it exits 1 and says so', () => {
  writeFileSync(join(work, 'config', 'dev.json'), '{ "name": "dev", ');
  const { status, stderr, outdir } = runSynth({});
  expect(status).toBe(1);
  expect(stderr).toMatch(/dev\.json[\s\S]*not valid JSON/);
  expect(existsSync(outdir)).toBe(false);
});

test('GIVEN an unknown environment in ENVIRONMENTS WHEN synth runs THEN it exits 1 listing the allowed ones', () => {
  const { status, stderr } = runSynth({ ENVIRONMENTS: 'staging' });
  expect(status).toBe(1);
  expect(stderr).toMatch(/unknown environment "staging"; allowed: dev, production/);
});

test('GIVEN an unknown DEPLOY_TARGET WHEN synth runs THEN it exits 1 listing the allowed targets', () => {
  const { status, stderr } = runSynth({ DEPLOY_TARGET: 'localstack' });
  expect(status).toBe(1);
  expect(stderr).toMatch(/DEPLOY_TARGET: got "localstack"; allowed: aws, emulator/);
});

test('GIVEN an environment that turns ALB access logs off WHEN synth runs THEN the guardrails fail it naming rule, resource and reason', () => {
  const file = join(work, 'config', 'production.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { loadBalancer: { accessLogs?: boolean } };
  data.loadBalancer.accessLogs = false;
  writeFileSync(file, JSON.stringify(data));

  const { status, stderr } = runSynth({ ENVIRONMENTS: 'production' });

  expect(status).toBe(1);
  expect(stderr).toMatch(/Guardrails failed synth\./);
  expect(stderr).toMatch(/\[delivery-production\/load-balancer\/alb\] \[FIN-ALB2\] ALB access logs are enabled: .*access_logs/);
});
