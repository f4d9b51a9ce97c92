/**
 * The VPC origin's lifecycle, as synthesized for production, under the real terraform: switching
 * the ALB hop to HTTPS must REPLACE the origin — new one first, the distribution updated in place
 * to use it, the old one deleted last — and never update it in place, which CloudFront refuses
 * for an origin a distribution uses (HTTP 409, hashicorp/terraform-provider-aws#40905).
 *
 * The emulator has no VPC origins (stacks/emulator-gaps.ts), so the AWS resources are stood in for
 * by `terraform_data` (Terraform's own, no provider needed) carrying the synthesized lifecycle
 * verbatim: the origin's `create_before_destroy` and `replace_triggered_by`, the real settings
 * record, and a distribution that references the origin's ID. An in-place change of a stand-in's
 * `input` is an update, as it would be for the real origin; only the lifecycle can make it a
 * replacement. What is tested is Terraform's plan for exactly the lifecycle that synth writes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnvironmentConfig } from '../../config/schema';
import { plannedChanges, type PlanJson } from '../../scripts/lib/drift';
import { findCommand, initOnce, runTerraform } from '../../scripts/lib/terraform';
import { environment, resourcesOf, synthDelivery } from '../helpers/synth';
import { testRequiring, testTerraformEnv } from '../helpers/terraform';

const it = testRequiring(['terraform']);
const work = mkdtempSync(join(tmpdir(), 'vpc-origin-replacement-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CERTIFICATE = 'arn:aws:acm:us-east-1:296674251987:certificate/0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f';

function withHttpsToTheAlb(env: EnvironmentConfig): EnvironmentConfig {
  return {
    ...env,
    loadBalancer: { ...env.loadBalancer, certificateArn: CERTIFICATE },
    edge: { ...env.edge, originDomainName: 'origin.internal.example.com' },
  };
}

/** The origin, its settings record and the distribution of a synthesized stack, as terraform_data stand-ins. */
function standIns(synth: string): { config: object; origin: string } {
  const [originName, origin] = Object.entries(resourcesOf(synth, 'aws_cloudfront_vpc_origin'))[0]!;
  const [settingsName, settings] = Object.entries(resourcesOf(synth, 'terraform_data'))[0]!;
  const endpoint = (origin.vpc_origin_endpoint_config as Record<string, unknown>[])[0]!;
  return {
    origin: `terraform_data.${originName}`,
    config: {
      resource: {
        terraform_data: {
          [settingsName]: { triggers_replace: settings.triggers_replace },
          [originName]: { input: { ...endpoint, arn: 'arn:aws:elasticloadbalancing:alb' }, lifecycle: origin.lifecycle },
          distribution: { input: { vpc_origin_id: `\${terraform_data.${originName}.id}` } },
        },
      },
    },
  };
}

const http = standIns(synthDelivery('production'));
const https = standIns(synthDelivery(withHttpsToTheAlb(environment('production'))));

/** A plan as `terraform show -json` writes it, with why each resource changes. */
type PlanWithReasons = PlanJson & { reasons: Record<string, string | undefined> };

async function plan(config: object, name: string): Promise<PlanWithReasons> {
  writeFileSync(join(work, 'main.tf.json'), JSON.stringify(config));
  const env = testTerraformEnv();
  await runTerraform(['plan', '-input=false', '-no-color', `-out=${name}.tfplan`], { cwd: work, env });
  const text = (await runTerraform(['show', '-json', `${name}.tfplan`], { cwd: work, env })).stdout;
  const withReasons = JSON.parse(text) as { resource_changes?: { address: string; action_reason?: string }[] };
  const reasons = Object.fromEntries((withReasons.resource_changes ?? []).map((c) => [c.address, c.action_reason]));
  return { ...(JSON.parse(text) as PlanJson), reasons };
}

describe('switching the ALB to HTTPS (production)', () => {
  let changes: ReturnType<typeof plannedChanges>;
  let reasons: Record<string, string | undefined>;

  beforeAll(async () => {
    if (!findCommand('terraform') && process.env.CI !== 'true') return; // skipped: see testRequiring
    const env = testTerraformEnv();
    writeFileSync(join(work, 'main.tf.json'), JSON.stringify(http.config));
    await initOnce(work, { env });
    await runTerraform(['apply', '-auto-approve', '-input=false', '-no-color'], { cwd: work, env });
    const json = await plan(https.config, 'https');
    changes = plannedChanges(json);
    reasons = json.reasons;
  }, 120_000);

  it('replaces the VPC origin, creating the new one before the old one is destroyed', () => {
    expect(changes.find((c) => c.address === https.origin)?.actions).toEqual(['create', 'delete']);
  });

  it('replaces it because its settings record changed (replace_triggered_by), not because of an attribute', () => {
    expect(reasons[https.origin]).toBe('replace_by_triggers');
  });

  it('updates the distribution in place to the new origin', () => {
    expect(changes.find((c) => c.address === 'terraform_data.distribution')?.actions).toEqual(['update']);
  });

  it('never updates the VPC origin in place', () => {
    expect(changes.filter((c) => c.address === https.origin && c.actions.includes('update') && !c.actions.includes('create'))).toEqual([]);
  });

  it('GIVEN the same settings WHEN planned again THEN nothing is replaced', async () => {
    const again = await plan(http.config, 'same');
    expect(plannedChanges(again)).toEqual([]);
  }, 60_000);
});
