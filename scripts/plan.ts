/**
 * `npm run plan -- <environment> [--emulator] [--out <dir>] [--var name=value] [--allow-replace <address>=<reason>]`:
 * plans every stack of an environment and writes, per stack, the binary plan, its
 * `terraform show -json`, and a readable summary (imports and replacements first) under
 * plans/<environment>/ (or --out), plus summary.md, which opens with the environment's warnings
 * (config/warnings.ts, unpinned adoptions). The safety gate (scripts/lib/plan-gate.ts) fails the
 * command when a protected resource would be destroyed or replaced.
 *
 * Against AWS it needs credentials for the environment's account (the S3 backend is read; the
 * plan does not take the state lock, so it never blocks a running apply). With --emulator the
 * stacks are synthesized for the emulator and planned with local state, against AWS_ENDPOINT_URL
 * when it is set (any environment whose resources that emulator holds), else against a fresh
 * local emulator (greenfield environments only).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { App } from 'cdktf';
import { loadImports } from '../config/imports';
import { CONFIG_DIR, loadEnvironment } from '../config/load';
import { buildApp } from '../stacks/app';
import { deliveryStackName } from '../stacks/delivery-stack';
import { stateBootstrapStackName } from '../stacks/state-bootstrap-stack';
import { adoptionWarnings } from '../stacks/adoption';
import { emulatorTerraformEnv, startEmulator } from './lib/emulator';
import { evaluateGate, parseOverrides, renderGate } from './lib/plan-gate';
import { renderPlanSummary, renderWarnings, summarizePlan } from './lib/plan-summary';
import { environmentWarnings, formatWarnings } from '../config/warnings';
import { releaseMismatches, renderReleaseMismatches } from './lib/release-state';
import { runTerraformWithProgress } from './lib/terraform-progress-run';
import {
  initOnce,
  MissingPrerequisiteError,
  projectTerraformEnv,
  repoRoot,
  requireCommand,
  runTerraform,
  TERRAFORM_INSTALL_HINT,
} from './lib/terraform';

/** `--name value` options that may repeat. */
function optionValues(args: readonly string[], name: string): string[] {
  return args.flatMap((a, i) => (a === name && args[i + 1] !== undefined ? [args[i + 1]!] : []));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const emulator = args.includes('--emulator');
  const valued = new Set(['--out', '--var', '--allow-replace']);
  const name = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
  if (!name) {
    throw new MissingPrerequisiteError(
      'usage: npm run plan -- <environment> [--emulator] [--out <dir>] [--var name=value] [--allow-replace <address>=<reason>]',
    );
  }
  requireCommand('terraform', TERRAFORM_INSTALL_HINT);
  const overrides = parseOverrides(args);
  const env = loadEnvironment(name);
  const imports = loadImports(env, CONFIG_DIR);

  const out = resolve(optionValues(args, '--out')[0] ?? join(repoRoot(), 'plans', env.name));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const app = new App({ outdir: join(out, 'cdktf.out') });
  const [stacks] = buildApp(app, [env], {
    ...(emulator ? { target: 'emulator', state: 'local' } : { target: 'aws' }),
    imports: imports ? new Map([[env.name, imports]]) : undefined,
  });
  const warnings = [...environmentWarnings(env), ...adoptionWarnings(env, stacks!.delivery.adoptions)];
  process.stderr.write(formatWarnings(env.name, warnings));
  app.synth();

  const running = emulator ? await startEmulator({ accountId: env.account }) : undefined;
  let failed = false;
  try {
    const tfEnv = running ? emulatorTerraformEnv(running) : projectTerraformEnv();
    const summaries: string[] = [];
    for (const stack of [stateBootstrapStackName(env.name), deliveryStackName(env.name)]) {
      const dir = join(out, 'cdktf.out', 'stacks', stack);
      await initOnce(dir, { backend: true, env: tfEnv });
      const isDelivery = stack.startsWith('delivery');
      const varArgs = isDelivery
        ? [
            ...(env.service.imageTag === undefined ? ['-var', `image_tag=${process.env.IMAGE_TAG ?? 'plan-review'}`] : []),
            ...optionValues(args, '--var').flatMap((v) => ['-var', v]),
          ]
        : [];
      const planFile = join(out, `${stack}.tfplan`);
      await runTerraformWithProgress(
        ['plan', '-input=false', '-lock=false', '-parallelism=30', ...varArgs, `-out=${planFile}`],
        { cwd: dir, env: tfEnv },
        { label: `plan ${stack}` },
      );
      const json = (await runTerraform(['show', '-json', planFile], { cwd: dir, env: tfEnv })).stdout;
      writeFileSync(join(out, `${stack}.json`), json);
      const plan = JSON.parse(json) as Parameters<typeof summarizePlan>[0] & Parameters<typeof releaseMismatches>[0];
      const gate = evaluateGate(plan, overrides);
      failed ||= gate.offenders.length > 0;
      // A rolled-back release first: the plan would deploy the failed revision again.
      const markdown = `${renderPlanSummary(stack, summarizePlan(plan), renderReleaseMismatches(releaseMismatches(plan)))}\n${renderGate(stack, gate)}`;
      writeFileSync(join(out, `${stack}.md`), markdown);
      summaries.push(markdown);
      for (const o of gate.offenders) process.stderr.write(`refused: ${o.line}\n`);
    }
    const summary = `## Plan: ${env.name}${emulator ? ' (local emulator)' : ''}\n\n${renderWarnings(warnings)}${summaries.join('\n')}`;
    writeFileSync(join(out, 'summary.md'), summary);
    process.stdout.write(`${summary}\nWritten to ${out}/\n`);
  } finally {
    await running?.stop();
  }
  if (failed) {
    process.stderr.write('The safety gate refused this plan (see above and summary.md).\n');
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof MissingPrerequisiteError ? 2 : 1);
});
