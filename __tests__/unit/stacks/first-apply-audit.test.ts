/**
 * The findings of the pre-apply audit of the synthesized stacks (what real AWS would refuse or
 * regret), each pinned on the production and dev JSON exactly as `npm run synth` writes it.
 */
import { onlyResource, synthDelivery } from '../../helpers/synth';

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
