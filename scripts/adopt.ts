/**
 * `npm run adopt -- <environment> [--image-tag <tag>]`: read-only. Against the account of the
 * current credentials (or AWS_ENDPOINT_URL when set), finds every resource the environment file
 * declares under `existing`, looks for names the stack would create that already exist, runs the
 * preflight of what an apply on a real account would refuse, prints a table, and writes the import
 * IDs to config/<environment>.imports.json for review. Anything missing, ambiguous or conflicting
 * exits 1 naming the resource, and nothing is written; a failed preflight check exits 1 too (the
 * IDs are still written: they are right, the account is not ready).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { App } from 'cdktf';
import { importsFileOf, readRecovered, type ImportPins } from '../config/imports';
import { AggregateConfigError, CONFIG_DIR, ConfigError, loadEnvironment } from '../config/load';
import type { EnvironmentConfig } from '../config/schema';
import { buildApp } from '../stacks/app';
import { deliveryStackName } from '../stacks/delivery-stack';
import { awsClients, errorName } from './lib/adopt/aws';
import { findCollisions, type StackJson } from './lib/adopt/collisions';
import { discover, isProblem, type Row } from './lib/adopt/discover';
import { preflight } from './lib/adopt/preflight';

/** The delivery stack as the first apply on AWS would see it (no pins: every name is new or looked up). */
function synthesizedDelivery(env: EnvironmentConfig): StackJson {
  const out = mkdtempSync(join(tmpdir(), 'adopt-synth-'));
  try {
    const app = new App({ outdir: out });
    buildApp(app, [env], { target: 'aws' });
    app.synth();
    return JSON.parse(readFileSync(join(out, 'stacks', deliveryStackName(env.name), 'cdk.tf.json'), 'utf8')) as StackJson;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function table(sections: readonly (readonly [string, readonly Row[]])[]): string {
  const all = sections.flatMap(([, rows]) => rows);
  const width = Math.min(56, Math.max(8, ...all.map((r) => r.resource.length)));
  const lines: string[] = [];
  for (const [title, rows] of sections) {
    if (rows.length === 0) continue;
    lines.push('', title);
    for (const r of rows) lines.push(`  ${r.status.padEnd(11)} ${r.resource.padEnd(width)}  ${r.detail}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const name = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--image-tag');
  if (!name) throw new UsageError('usage: npm run adopt -- <environment> [--image-tag <tag>]');
  const env = loadEnvironment(name);
  const tagIndex = args.indexOf('--image-tag');
  const tag = (tagIndex >= 0 ? args[tagIndex + 1] : undefined) ?? process.env.IMAGE_TAG ?? env.service.imageTag;
  const clients = awsClients(env.region);
  const target = process.env.AWS_ENDPOINT_URL ? `the API at ${process.env.AWS_ENDPOINT_URL}` : 'AWS';

  const account = (await clients.sts.send(new GetCallerIdentityCommand({}))).Account;
  if (account !== env.account) {
    throw new UsageError(`The credentials are for account ${account ?? 'unknown'} on ${target}; ${env.name} is account ${env.account}.`);
  }
  process.stdout.write(`Adopting ${env.name} (account ${env.account}, ${env.region}) on ${target}, read-only.\n`);

  const discovery = await discover(env, clients);
  const collisions = await findCollisions(synthesizedDelivery(env), clients);
  const checks = await preflight(env, clients, discovery, tag);
  process.stdout.write(
    `${table([
      ['Declared under existing, and what the stack would collide with:', discovery.rows],
      ['Names the stack creates:', collisions.length > 0 ? collisions : [{ resource: 'every created name', status: 'ok', detail: 'free' }]],
      ['Preflight (what an apply on AWS would refuse):', checks],
    ])}\n\n`,
  );

  const blocking = [...discovery.rows, ...collisions].filter(isProblem);
  const failedChecks = checks.filter(isProblem);
  if (blocking.length > 0) {
    process.stderr.write(`${blocking.map((r) => `${r.status}: ${r.resource}: ${r.detail}`).join('\n')}\nNothing was written.\n`);
    process.exit(1);
  }
  const file = importsFileOf(env.name, CONFIG_DIR);
  const pins: ImportPins = {
    $comment: `Written by npm run adopt -- ${env.name}. Review before committing: synth turns these into Terraform import blocks.`,
    environment: env.name,
    account: env.account,
    region: env.region,
    adoptedAt: new Date().toISOString(),
    resources: discovery.resources,
    // What recover found stays: adopt owns `resources`, recover owns `recovered`.
    ...readRecovered(file),
  };
  writeFileSync(file, `${JSON.stringify(pins, null, 2)}\n`);
  process.stdout.write(`Wrote ${relative(process.cwd(), file) || file}: ${countPins(pins)} import IDs.\n`);
  if (failedChecks.length > 0) {
    process.stderr.write(
      `${failedChecks.map((r) => `failed: ${r.resource}: ${r.detail}`).join('\n')}\nThe import IDs are written; fix the failed checks before the first apply.\n`,
    );
    process.exit(1);
  }
}

function countPins(pins: ImportPins): number {
  const r = pins.resources;
  const singles = [r.ecsCluster, r.ecsService, r.loadBalancer, r.targetGroup, r.ecrRepository, r.logGroup, r.distribution];
  return singles.filter(Boolean).length + Object.keys(r.listeners).length + Object.keys(r.vpcEndpoints).length;
}

class UsageError extends Error {}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof AggregateConfigError || err instanceof UsageError) {
    process.stderr.write(`${err.message}\nNothing was written.\n`);
    process.exit(1);
  }
  const name = errorName(err);
  process.stderr.write(`${name ? `${name}: ` : ''}${err instanceof Error ? err.message : String(err)}\nNothing was written.\n`);
  process.exit(1);
});
