/**
 * `npm run bench`: measures what a platform engineer waits for, and writes bench/results.json.
 * - synth: `npm run synth` as a process (median of several runs, peak RSS), and the in-process
 *   synthesis of every stack (module loading excluded);
 * - tests: the unit suite and the terraform validate rung, wall time;
 * - emulator (with --emulator): the greenfield cycle on the local emulator through the cdktf CLI —
 *   bootstrap, deploy, diff, destroy — as the e2e test (emulator-cycle.test.ts) reports it.
 * Figures only: nothing here asserts a time.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Testing } from 'cdktf';
import { loadAllEnvironments, loadEnvironment } from '../config/load';
import { worstCaseFailedRolloutSeconds, worstCaseRolloutSeconds } from './lib/release-timing';
import { DeliveryStack } from '../stacks/delivery-stack';
import { buildApp } from '../stacks/app';
import { repoRoot } from './lib/terraform';

const root = repoRoot();
const args = new Set(process.argv.slice(2));
const runs = Number(process.env.BENCH_RUNS ?? 7);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (ms: number) => Math.round(ms);

/** Runs a command, returns wall time (ms); throws with its output when it fails. */
function timed(command: string, argv: string[], env: NodeJS.ProcessEnv = {}): { ms: number; stdout: string; stderr: string } {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed (${result.status}):\n${result.stderr.slice(-4000)}`);
  return { ms, stdout: result.stdout, stderr: result.stderr };
}

function benchSynthProcess(): { medianMs: number; minMs: number; maxMs: number; peakRssMb: number; runs: number } {
  const out = mkdtempSync(join(tmpdir(), 'bench-synth-'));
  const times: number[] = [];
  const rss: number[] = [];
  const probe = `process.on('exit',()=>process.stderr.write('MAXRSS_KB '+process.resourceUsage().maxRSS+'\\n'));require('./scripts/run-app.js')`;
  try {
    for (let i = 0; i < runs; i++) {
      const { ms, stderr } = timed(process.execPath, ['-e', probe], { CDKTF_OUTDIR: join(out, String(i)) });
      times.push(ms);
      rss.push(Number(/MAXRSS_KB (\d+)/.exec(stderr)?.[1] ?? 0) / 1024);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return {
    medianMs: round(median(times)),
    minMs: round(Math.min(...times)),
    maxMs: round(Math.max(...times)),
    peakRssMb: Math.round(Math.max(...rss)),
    runs,
  };
}

function benchSynthInProcess(): { medianMs: number; stacks: number } {
  const environments = loadAllEnvironments();
  const out = mkdtempSync(join(tmpdir(), 'bench-inproc-'));
  const times: number[] = [];
  let stacks = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      const app = new App({ outdir: join(out, String(i)) });
      stacks = buildApp(app, environments).length * 2;
      app.synth();
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return { medianMs: round(median(times)), stacks };
}

/**
 * The worst-case rolling-release time of production, computed from the synthesized settings
 * (target group health check and deregistration delay, service grace period and deployment
 * percentages), not from the environment file.
 */
function releaseTiming(): Record<string, unknown> {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'bench-release-')) });
  const stack = new DeliveryStack(app, 'delivery-production', { env: loadEnvironment('production') });
  const json = JSON.parse(Testing.synth(stack)) as {
    resource: { aws_lb_target_group: Record<string, TargetGroupJson>; aws_ecs_service: Record<string, ServiceJson> };
  };
  const tg = Object.values(json.resource.aws_lb_target_group)[0]!;
  const svc = Object.values(json.resource.aws_ecs_service)[0]!;
  const input = {
    healthCheckIntervalSeconds: tg.health_check.interval,
    healthyThreshold: tg.health_check.healthy_threshold,
    unhealthyThreshold: tg.health_check.unhealthy_threshold,
    healthCheckTimeoutSeconds: tg.health_check.timeout,
    healthCheckGracePeriodSeconds: svc.health_check_grace_period_seconds,
    deregistrationDelaySeconds: Number(tg.deregistration_delay),
    desiredCount: svc.desired_count,
    minimumHealthyPercent: svc.deployment_minimum_healthy_percent,
    maximumPercent: svc.deployment_maximum_percent,
  };
  const ok = worstCaseRolloutSeconds(input);
  const failed = worstCaseFailedRolloutSeconds(input);
  return {
    input,
    successfulSeconds: ok.totalSeconds,
    successfulFormula: ok.formula,
    rolledBackSeconds: failed.totalSeconds,
    rolledBackFormula: failed.formula,
  };
}

interface TargetGroupJson {
  deregistration_delay: string;
  health_check: { interval: number; timeout: number; healthy_threshold: number; unhealthy_threshold: number };
}
interface ServiceJson {
  desired_count: number;
  health_check_grace_period_seconds: number;
  deployment_minimum_healthy_percent: number;
  deployment_maximum_percent: number;
}

function jestWall(argv: string[]): number {
  return round(timed(process.execPath, [join(root, 'node_modules/jest/bin/jest.js'), '--silent', ...argv]).ms);
}

/** Runs one Terraform test file and reads the `<label>: key=12.3s ...` line it prints, plus its wall time. */
function terraformTestFigures(file: string, label: string): Record<string, number> {
  const { ms, stdout, stderr } = timed(process.execPath, [
    join(root, 'node_modules/jest/bin/jest.js'),
    file,
    '--selectProjects',
    'terraform',
  ]);
  const line = new RegExp(`${label}: (.*)`).exec(stdout + stderr)?.[1] ?? '';
  const figures: Record<string, number> = {};
  for (const [, key, seconds] of line.matchAll(/(\w+)=([\d.]+)s/g)) figures[`${key}Seconds`] = Number(seconds);
  return { ...figures, testFileSeconds: Math.round(ms / 100) / 10 };
}

function benchEmulator(): Record<string, number> {
  const figures = terraformTestFigures('__tests__/terraform/emulator-cycle.test.ts', 'emulator cycle timings');
  const cycle = ['apply', 'plan', 'destroy'].reduce((sum, k) => sum + (figures[`${k}Seconds`] ?? 0), 0);
  return { ...figures, applyPlanDestroySeconds: Math.round(cycle * 10) / 10 };
}

function main(): void {
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
  };
  process.stdout.write(`synth (${runs} runs)...\n`);
  results.synthProcess = benchSynthProcess();
  results.synthInProcess = benchSynthInProcess();
  results.releaseTiming = releaseTiming();
  if (args.has('--cli'))
    results.synthCdktfCliMs = round(
      timed(join(root, 'node_modules/.bin/cdktf'), ['synth', '--output', join(tmpdir(), 'bench-cli-out')]).ms,
    );
  process.stdout.write('unit tests...\n');
  results.unitTestsMs = jestWall(['--selectProjects', 'unit']);
  process.stdout.write('terraform validate...\n');
  // The path goes first: after --selectProjects it would be read as a second project name.
  results.validateTestsMs = jestWall(['__tests__/terraform/validate.test.ts', '--selectProjects', 'terraform']);
  if (args.has('--emulator')) {
    process.stdout.write('emulator cycle through the cdktf CLI (minutes)...\n');
    results.emulatorCycle = benchEmulator();
  }
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

main();
