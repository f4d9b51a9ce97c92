/**
 * `npm run plan -- <environment> [--emulator]`: plans every stack of an environment and writes,
 * per stack, the binary plan, its `terraform show -json`, and a readable summary
 * (replacements first) under plans/<environment>/, plus plans/<environment>/summary.md.
 *
 * Against AWS it needs credentials for the environment's account (the S3 backend is read; the
 * plan does not take the state lock, so it never blocks a running apply). With --emulator the
 * greenfield environment is planned against a local emulator instead, with local state.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import { loadEnvironment } from '../config/load';
import { buildApp } from '../stacks/app';
import { deliveryStackName } from '../stacks/delivery-stack';
import { stateBootstrapStackName } from '../stacks/state-bootstrap-stack';
import { emulatorTerraformEnv, startEmulator } from './lib/emulator';
import { renderPlanSummary, summarizePlan } from './lib/plan-summary';
import { runTerraformWithProgress } from './lib/terraform-progress-run';
import {
  initOnce,
  MissingPrerequisiteError,
  repoRoot,
  requireCommand,
  runTerraform,
  TERRAFORM_INSTALL_HINT,
  projectTerraformEnv,
} from './lib/terraform';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const emulator = args.includes('--emulator');
  const name = args.find((a) => !a.startsWith('--'));
  if (!name) throw new MissingPrerequisiteError('usage: npm run plan -- <environment> [--emulator]');
  requireCommand('terraform', TERRAFORM_INSTALL_HINT);
  const env = loadEnvironment(name);

  const out = join(repoRoot(), 'plans', env.name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const app = new App({ outdir: join(out, 'cdktf.out') });
  buildApp(app, [env], emulator ? { target: 'emulator', state: 'local' } : { target: 'aws' });
  app.synth();

  const running = emulator ? await startEmulator() : undefined;
  try {
    const tfEnv = running ? emulatorTerraformEnv(running.endpoint) : projectTerraformEnv();
    const summaries: string[] = [];
    for (const stack of [stateBootstrapStackName(env.name), deliveryStackName(env.name)]) {
      const dir = join(out, 'cdktf.out', 'stacks', stack);
      await initOnce(dir, { backend: true, env: tfEnv });
      const varArgs =
        env.service.imageTag === undefined && stack.startsWith('delivery')
          ? ['-var', `image_tag=${process.env.IMAGE_TAG ?? 'plan-review'}`]
          : [];
      await runTerraformWithProgress(
        ['plan', '-input=false', '-lock=false', '-parallelism=30', ...varArgs, `-out=${join(out, `${stack}.tfplan`)}`],
        { cwd: dir, env: tfEnv },
        { label: `plan ${stack}` },
      );
      const json = (await runTerraform(['show', '-json', join(out, `${stack}.tfplan`)], { cwd: dir, env: tfEnv })).stdout;
      writeFileSync(join(out, `${stack}.json`), json);
      const markdown = renderPlanSummary(stack, summarizePlan(JSON.parse(json)));
      writeFileSync(join(out, `${stack}.md`), markdown);
      summaries.push(markdown);
    }
    const summary = `## Plan: ${env.name}${emulator ? ' (local emulator)' : ''}\n\n${summaries.join('\n')}`;
    writeFileSync(join(out, 'summary.md'), summary);
    process.stdout.write(`${summary}\nWritten to ${out}/\n`);
  } finally {
    await running?.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof MissingPrerequisiteError ? 2 : 1);
});
