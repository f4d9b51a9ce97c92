/**
 * `npm run drift -- <environment> [--emulator] [--out=<dir>]`: what changed outside Terraform.
 *
 * Runs `terraform plan -refresh-only` on the environment's delivery stack (with its S3 state; the
 * state lock is not taken) and turns the plan into a readable report and a JSON file under
 * drift/<environment>/ (or --out): every resource and attribute that changed outside Terraform,
 * the attributes something else owns by design (listed, not counted as drift), and failed
 * `check` blocks (a rolled-back release). Exit code 2 on drift or a failed check, 0 when clean,
 * 1 on error. The state bootstrap stack (local state, applied once) is not checked.
 *
 * Against AWS it needs read access to the environment's account. With --emulator it checks the
 * local deployment of `npm run deploy:local` (its emulator, or AWS_ENDPOINT_URL).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { App } from 'cdktf';
import { loadEnvironment } from '../config/load';
import { buildApp } from '../stacks/app';
import { deliveryStackName } from '../stacks/delivery-stack';
import { deployTargetProfile } from '../stacks/deploy-target';
import { driftExitCode, driftReport, ownershipFromConfig, renderDriftReport, type PlanJson } from './lib/drift';
import { unmanagedAttributes, type ProviderSchemas, type ResourceConfig } from './lib/drift-schema';
import { attachEmulator, emulatorTerraformEnv, type Emulator } from './lib/emulator';
import { SESSION_FILE } from './lib/local-session';
import type { PlanWithPriorState } from './lib/release-state';
import { initOnce, projectTerraformEnv, repoRoot, requireCommand, runTerraform, TERRAFORM_INSTALL_HINT } from './lib/terraform';

const USAGE = 'usage: npm run drift -- <environment> [--emulator] [--out=<dir>]';

/** The emulator the local deployment runs on: AWS_ENDPOINT_URL, else the one `npm run deploy:local` recorded. */
async function localEmulator(): Promise<Emulator> {
  const fromEnv = process.env.AWS_ENDPOINT_URL?.trim();
  if (fromEnv) return attachEmulator(fromEnv);
  const session = SESSION_FILE;
  if (!existsSync(session)) throw new Error(`no local deployment to check (${session} is missing): run npm run deploy:local first`);
  return attachEmulator((JSON.parse(readFileSync(session, 'utf8')) as { endpoint: string }).endpoint);
}

/** Who owns what the emulator reads back differently (stacks/emulator-gaps.ts). */
function emulatorOwners(): (type: string, attribute: string) => string | undefined {
  const { gaps } = deployTargetProfile('emulator');
  return (type, attribute) => {
    const gap = gaps.find((g) => g.readBack?.some((r) => r.resourceType === type && r.attributes.includes(attribute)));
    return gap ? `the emulator reads it back differently (gap ${gap.id}, stacks/emulator-gaps.ts)` : undefined;
  };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const emulator = args.includes('--emulator');
  const name = args.find((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--emulator' && !a.startsWith('--out='));
  if (!name || unknown.length > 0) throw new Error(unknown.length > 0 ? `unknown option ${unknown.join(', ')}; ${USAGE}` : USAGE);
  requireCommand('terraform', TERRAFORM_INSTALL_HINT);
  const env = loadEnvironment(name);
  const outArg = args.find((a) => a.startsWith('--out='));
  const out = outArg ? resolve(outArg.slice('--out='.length)) : join(repoRoot(), 'drift', env.name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  const app = new App({ outdir: join(out, 'cdktf.out') });
  buildApp(app, [env], { target: emulator ? 'emulator' : 'aws' });
  app.synth();
  const stack = deliveryStackName(env.name);
  const dir = join(out, 'cdktf.out', 'stacks', stack);

  const running = emulator ? await localEmulator() : undefined;
  try {
    const tfEnv = running ? emulatorTerraformEnv(running) : projectTerraformEnv();
    await initOnce(dir, { backend: true, env: tfEnv });
    // A refresh-only plan compares no configuration values, but every variable needs one.
    const varArgs = env.service.imageTag === undefined ? ['-var', `image_tag=${process.env.IMAGE_TAG ?? 'drift-check'}`] : [];
    const planFile = join(out, `${stack}.tfplan`);
    await runTerraform(
      [
        'plan',
        '-refresh-only',
        '-detailed-exitcode',
        '-input=false',
        '-no-color',
        '-lock=false',
        '-parallelism=30',
        ...varArgs,
        `-out=${planFile}`,
      ],
      { cwd: dir, env: tfEnv, allowExitCodes: [0, 2] },
    );
    const plan = JSON.parse((await runTerraform(['show', '-json', planFile], { cwd: dir, env: tfEnv })).stdout) as PlanJson &
      PlanWithPriorState;
    if ((plan.prior_state?.values?.root_module?.resources ?? []).length === 0) {
      // Nothing to compare is not "no drift": the wrong state, or nothing deployed yet.
      throw new Error(`the state of ${stack} holds no resources: nothing was compared (is ${env.name} deployed, and is this its account?)`);
    }
    const config = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')) as Parameters<typeof ownershipFromConfig>[0] & ResourceConfig;
    const schemas = JSON.parse((await runTerraform(['providers', 'schema', '-json'], { cwd: dir, env: tfEnv })).stdout) as ProviderSchemas;
    const report = driftReport(
      plan,
      ownershipFromConfig(config, emulator ? emulatorOwners() : undefined),
      unmanagedAttributes(schemas, config),
    );
    const code = driftExitCode(report);
    const text = renderDriftReport(`${stack}${emulator ? ' (local emulator)' : ''}`, report);
    writeFileSync(
      join(out, 'drift.json'),
      `${JSON.stringify({ environment: env.name, stack, emulator, exitCode: code, ...report }, null, 2)}\n`,
    );
    writeFileSync(join(out, 'drift.md'), text);
    process.stdout.write(`${text}Written to ${out}/drift.json and drift.md\n`);
    return code;
  } finally {
    await running?.release();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
