/**
 * The findings of the pre-apply audit of the synthesized stacks (what real AWS would refuse or
 * regret), each pinned on the production and dev JSON exactly as `npm run synth` writes it.
 */
import { referenceTo } from '../../helpers/constructs';
import { onlyResource, resourcesOf, synthDelivery } from '../../helpers/synth';

const ENVIRONMENTS = ['production', 'dev'] as const;
const synths: Record<string, string> = {};

beforeAll(() => {
  for (const name of ENVIRONMENTS) synths[name] = synthDelivery(name);
});

describe.each(ENVIRONMENTS)('%s: the WAF', (name) => {
  test('logs redact the authorization and cookie headers', () => {
    expect(onlyResource(synths[name]!, 'aws_wafv2_web_acl_logging_configuration').redacted_fields).toEqual([
      { single_header: { name: 'authorization' } },
      { single_header: { name: 'cookie' } },
    ]);
  });

  test('counts, instead of blocking, bodies over 8 KB and requests without a User-Agent; the rest of the common rule set blocks', () => {
    const rules = onlyResource(synths[name]!, 'aws_wafv2_web_acl').rule as {
      name: string;
      override_action?: unknown;
      statement: { managed_rule_group_statement?: { rule_action_override: unknown[] } };
    }[];
    const common = rules.find((r) => r.name === 'AWSManagedRulesCommonRuleSet')!;
    expect(common.override_action).toEqual({ none: {} });
    expect(common.statement.managed_rule_group_statement!.rule_action_override).toEqual([
      { name: 'SizeRestrictions_BODY', action_to_use: { count: {} } },
      { name: 'NoUserAgent_HEADER', action_to_use: { count: {} } },
    ]);
  });
});

describe('flow logs on every VPC the stack uses', () => {
  test('production: the existing VPC vpc-05ae083309505dd2d gets a flow log of all traffic', () => {
    expect(onlyResource(synths.production!, 'aws_flow_log')).toEqual(
      expect.objectContaining({ vpc_id: 'vpc-05ae083309505dd2d', traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' }),
    );
  });

  test("production: its log group is encrypted with the data tier's existing key", () => {
    const group = Object.values(resourcesOf(synths.production!, 'aws_cloudwatch_log_group')).find(
      (g) => g.name === '/vpc/fintech-production/flow-logs',
    );
    expect(group).toEqual(
      expect.objectContaining({
        kms_key_id: 'arn:aws:kms:us-east-1:296674251987:key/d9c8447f-91df-4df9-a012-6a5b6eab3cd0',
        retention_in_days: 90,
      }),
    );
  });

  test('dev: the VPC it creates keeps its flow log', () => {
    expect(onlyResource(synths.dev!, 'aws_flow_log').vpc_id).toBe(referenceTo(synths.dev!, 'aws_vpc', () => true));
  });
});
