/**
 * `npm run recover -- <environment> [--owner-gone] [--dry-run]`: makes an interrupted apply
 * recoverable. It releases the lock the killed run left (refusing while its holder still runs;
 * see scripts/unlock.ts), compares the synthesized delivery stack with the state, looks up in the
 * account every resource the state lacks (scripts/lib/recover/strategies.ts), and pins the ones it
 * finds under `recovered` in config/<environment>.imports.json. Synth turns them into import
 * blocks, so the next apply takes them over: no "already exists", no second VPC. Nothing is
 * written when a lookup is ambiguous or needs a person (exit 1).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { importsFileOf, loadImports, type ImportPins } from '../config/imports';
import { CONFIG_DIR } from '../config/load';
import { deliveryStackName } from '../stacks/delivery-stack';
import { runCommandMain } from './lib/command-main';
import { openState, releaseStaleLock, type StateAccess } from './lib/recover/access';
import { findUnrecorded, needsAttention, type Recovery, type StackResources } from './lib/recover/unrecorded';
import { MissingPrerequisiteError, requireCommand, stateResources, TERRAFORM_INSTALL_HINT } from './lib/terraform';

const USAGE = 'usage: npm run recover -- <environment> [--owner-gone] [--dry-run]';

/** The report, one section per outcome. */
export function renderRecovery(r: Recovery): string {
  const lines = [`${r.recorded} resources recorded in state.`];
  const section = (title: string, rows: readonly string[]) => {
    if (rows.length > 0) lines.push(`${title} (${rows.length}):`, ...rows.map((row) => `  ${row}`));
  };
  section(
    'In the account but not in state: imported by the next apply',
    r.found.map((f) => `${f.address}  ${f.id}  (by ${f.by})`),
  );
  section('Not in the account: the next apply creates them', [...r.notCreated]);
  section(
    'Created by a put the next apply repeats',
    r.rewritten.map((w) => `${w.address}  (${w.why})`),
  );
  section('Terraform-only', [...r.local]);
  section(
    'More than one candidate: remove the extra ones, then run recover again',
    r.ambiguous.map((a) => `${a.address}  ${a.ids.join(', ')}`),
  );
  section(
    'Not looked up: check by hand',
    r.manual.map((m) => `${m.address}  ${m.how}`),
  );
  section(
    'Needs a resource neither recorded nor found',
    r.unresolved.map((u) => `${u.address}  needs ${u.needs.join(', ') || '?'}`),
  );
  return `${lines.join('\n')}\n`;
}

/** Writes the found IDs under `recovered`, keeping the rest of the file and entries still unapplied. */
function writeRecovered(a: StateAccess, r: Recovery, recordedAddresses: ReadonlySet<string>): string {
  const file = importsFileOf(a.env.name, CONFIG_DIR);
  const previous = loadImports(a.env, CONFIG_DIR);
  const kept = Object.entries(previous?.recovered ?? {}).filter(([address]) => !recordedAddresses.has(address));
  const pins: ImportPins = {
    ...(previous ?? {
      $comment: `Import IDs for ${a.env.name}, for review: synth turns them into Terraform import blocks.`,
      environment: a.env.name,
      account: a.env.account,
      region: a.env.region,
      resources: { listeners: {}, vpcEndpoints: {} },
    }),
    recoveredAt: new Date().toISOString(),
    recovered: Object.fromEntries([...kept, ...r.found.map((f) => [f.address, { id: f.id, evidence: { foundBy: f.by } }] as const)]),
  };
  writeFileSync(file, `${JSON.stringify(pins, null, 2)}\n`);
  return relative(process.cwd(), file) || file;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const name = args.find((a) => !a.startsWith('--'));
  if (!name) throw new MissingPrerequisiteError(USAGE);
  requireCommand('terraform', TERRAFORM_INSTALL_HINT);
  const started = Date.now();
  const access = await openState(name, 'recover');
  const where = access.endpoint ? `the emulator at ${access.endpoint}` : `account ${access.env.account}`;
  process.stdout.write(`Recovering ${deliveryStackName(access.env.name)} on ${where}.\n`);

  const lock = await releaseStaleLock(access, { ownerGone: args.includes('--owner-gone') });
  if (lock.result === 'refused') {
    process.stdout.write(`${lock.description}.\n`);
    process.stderr.write(`Not released: ${lock.reason}\nNothing was written.\n`);
    return 1;
  }
  process.stdout.write(lock.result === 'none' ? 'No lock left behind.\n' : `${lock.description}.\nReleased lock ${lock.lock.ID}.\n`);

  const state = await stateResources(access.deliveryDir, access.tfEnv);
  const stack = JSON.parse(readFileSync(join(access.deliveryDir, 'cdk.tf.json'), 'utf8')) as StackResources;
  const recovery = await findUnrecorded(stack, state, access.clients);
  process.stdout.write(renderRecovery(recovery));
  if (needsAttention(recovery)) {
    process.stderr.write('Some resources need a person (above). Nothing was written.\n');
    return 1;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (recovery.found.length === 0) {
    process.stdout.write(`Nothing to import (${seconds} s): the next apply converges as it is.\n`);
    return 0;
  }
  if (args.includes('--dry-run')) {
    process.stdout.write(`--dry-run: ${recovery.found.length} import IDs not written (${seconds} s).\n`);
    return 0;
  }
  const file = writeRecovered(access, recovery, new Set(state.map((r) => r.address)));
  const next = access.endpoint ? `npm run deploy:local -- ${name}` : `npm run plan -- ${name}, review the imports, and apply that plan`;
  process.stdout.write(`Wrote ${recovery.found.length} import IDs to ${file} (${seconds} s). Next: ${next}.\n`);
  return 0;
}

if (require.main === module) runCommandMain(main);
