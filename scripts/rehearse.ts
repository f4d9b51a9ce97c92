/**
 * `npm run rehearse`: the production cut-over, end to end, on a fresh local emulator that answers as
 * the production account (scripts/lib/rehearsal/). Prints each step with its time and what it
 * proved; exits 1 at the first step that does not hold. The same steps run in `npm test`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprint, type Fingerprint } from './lib/rehearsal/identity';
import { applyPlan, planAgain, prepareRehearsal, runCommand, writeRehearsalEnvironment, type Rehearsal } from './lib/rehearsal/rehearsal';
import { keyPolicyFixCommand, cutoverProblems } from './lib/rehearsal/verify';

function step(name: string, started: number, detail: string): void {
  process.stdout.write(`${name.padEnd(34)} ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${detail}\n`);
}

async function rehearse(r: Rehearsal): Promise<void> {
  let t = Date.now();
  writeRehearsalEnvironment(r);
  const before: Fingerprint = await fingerprint(r.clients, r.estate.vpcId, r.estate.distributionId);
  step('production.json mapped to the estate', t, `ALB ${r.estate.loadBalancerDnsName}, distribution ${r.estate.distributionDomainName}`);

  t = Date.now();
  const first = await runCommand(r, 'adopt', ['production']);
  if (first.code === 0 || !/does not admit logs\.us-east-1\.amazonaws\.com/.test(first.stderr)) {
    throw new Error(`adopt should have refused the default key policy:\n${first.stdout}\n${first.stderr}`);
  }
  step('adopt (preflight refuses the key)', t, 'the seed key policy does not admit CloudWatch Logs');
  await keyPolicyFixCommand(r);
  t = Date.now();
  const adopted = await runCommand(r, 'adopt', ['production']);
  if (adopted.code !== 0) throw new Error(`adopt failed:\n${adopted.stdout}\n${adopted.stderr}`);
  step('adopt', t, adopted.stdout.trim().split('\n').at(-1) ?? '');

  t = Date.now();
  const plan = await runCommand(r, 'plan', ['production', '--emulator', '--out', r.planDir]);
  if (plan.code !== 0) throw new Error(`plan failed:\n${plan.stdout}\n${plan.stderr}`);
  step(
    'plan (safety gate passed)',
    t,
    /\*\*(\d+ to import[^*]*)\*\*/.exec(plan.stdout.split('### delivery-production')[1] ?? '')?.[1] ?? '',
  );

  t = Date.now();
  const applied = await applyPlan(r);
  step('apply', t, /Apply complete! (.*)/.exec(applied.stdout)?.[1] ?? '');

  t = Date.now();
  const again = await planAgain(r);
  if (again.code !== 0) throw new Error(`the plan after apply is not empty:\n${again.stdout}`);
  step('plan again', t, 'no changes');

  t = Date.now();
  const after = await fingerprint(r.clients, r.estate.vpcId, r.estate.distributionId);
  const problems = cutoverProblems(r, before, after);
  if (problems.length > 0) throw new Error(`the cut-over broke identity:\n- ${problems.join('\n- ')}`);
  step('identity checks', t, 'service, ALB, listener, target group, repository and distribution kept; nothing duplicated');

  t = Date.now();
  writeRehearsalEnvironment(r, (file) => (file.service.serviceName = 'fintech-api-service-v2'));
  const refused = await runCommand(r, 'plan', ['production', '--emulator', '--out', join(r.work, 'refused-plan')]);
  if (refused.code === 0 || !/refused: aws_ecs_service\./.test(refused.stderr)) {
    throw new Error(`the gate let a service replacement through:\n${refused.stdout}\n${refused.stderr}`);
  }
  step('gate refuses a service replacement', t, refused.stderr.split('\n').find((l) => l.startsWith('refused:')) ?? '');
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'rehearsal-'));
  const started = Date.now();
  const r = await prepareRehearsal(work, { keepEmulator: Boolean(process.env.REHEARSAL_KEEP) });
  step('seed estate built on the emulator', started, `${r.emulator.endpoint}, account 296674251987`);
  let passed = false;
  try {
    await rehearse(r);
    passed = true;
    process.stdout.write(`\nThe cut-over rehearsal passed in ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);
  } finally {
    if (passed || !process.env.REHEARSAL_KEEP) {
      await r.emulator.stop();
      rmSync(work, { recursive: true, force: true });
    } else {
      process.stderr.write(
        `Kept for inspection (REHEARSAL_KEEP): ${work}, emulator ${r.emulator.endpoint} (pid ${r.emulator.pid ?? '?'})\n`,
      );
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
