import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { Testing } from 'cdktf';
import { EdgeFirewall, MANAGED_RULE_GROUPS, type EdgeFirewallProps } from '../../../../constructs/edge/edge-firewall';
import { onlyResource } from '../../../helpers/synth';
import { referenceTo } from '../../../helpers/constructs';

const KMS_KEY = 'arn:aws:kms:us-east-1:296674251987:key/5f0c2d1e-8a7b-4c3d-9e6f-0a1b2c3d4e5f';

const BASE: EdgeFirewallProps = {
  namePrefix: 'fintech-production',
  logKmsKeyArn: KMS_KEY,
};

function synthFirewall(overrides: Partial<EdgeFirewallProps> = {}): string {
  return Testing.synthScope((scope) => {
    new EdgeFirewall(scope, 'firewall', { ...BASE, ...overrides });
  });
}

/** A rule of the web ACL as synthesized (`statement` is passed through untyped, snake_case). */
interface Rule {
  readonly name: string;
  readonly priority: number;
  readonly action?: Record<string, unknown>;
  readonly override_action?: Record<string, unknown>;
  readonly statement: {
    readonly rate_based_statement?: Record<string, unknown>;
    readonly managed_rule_group_statement?: {
      readonly vendor_name: string;
      readonly name: string;
      readonly rule_action_override: readonly { readonly name: string; readonly action_to_use: Record<string, unknown> }[];
    };
  };
  readonly visibility_config: Record<string, unknown>;
}

function rules(synth: string): readonly Rule[] {
  return onlyResource(synth, 'aws_wafv2_web_acl').rule as Rule[];
}

function rule(synth: string, name: string): Rule {
  const found = rules(synth).find((r) => r.name === name);
  if (!found) throw new Error(`no web ACL rule named ${name}`);
  return found;
}

describe('EdgeFirewall', () => {
  describe('with the defaults', () => {
    let synth: string;
    beforeAll(() => {
      synth = synthFirewall();
    });

    test('the web ACL is named after the prefix and scoped to CLOUDFRONT', () => {
      expect(synth).toHaveResourceWithProperties(Wafv2WebAcl, { name: 'fintech-production-edge', scope: 'CLOUDFRONT' });
    });

    test('requests no rule matches are allowed (default action allow)', () => {
      expect(synth).toHaveResourceWithProperties(Wafv2WebAcl, { default_action: { allow: {} } });
    });

    test('has the rate limit and the three managed rule groups, in evaluation order', () => {
      expect(rules(synth).map((r) => [r.priority, r.name])).toEqual([
        [1, 'rate-limit-per-ip'],
        [10, 'AWSManagedRulesAmazonIpReputationList'],
        [11, 'AWSManagedRulesCommonRuleSet'],
        [12, 'AWSManagedRulesKnownBadInputsRuleSet'],
      ]);
    });

    test('the rate-based rule is evaluated first (priority 1) and blocks', () => {
      expect(rule(synth, 'rate-limit-per-ip')).toEqual(expect.objectContaining({ priority: 1, action: { block: {} } }));
    });

    test('the rate limit defaults to 2000 requests per IP over a 5-minute window', () => {
      expect(rule(synth, 'rate-limit-per-ip').statement.rate_based_statement).toEqual(
        expect.objectContaining({ limit: 2000, evaluation_window_sec: 300 }),
      );
    });

    test('the rate limit aggregates by client IP', () => {
      expect(rule(synth, 'rate-limit-per-ip').statement.rate_based_statement).toEqual(
        expect.objectContaining({ aggregate_key_type: 'IP' }),
      );
    });

    test.each([...MANAGED_RULE_GROUPS])('the managed group %s is the AWS vendor group of that name', (group) => {
      expect(rule(synth, group).statement.managed_rule_group_statement).toEqual(
        expect.objectContaining({ vendor_name: 'AWS', name: group }),
      );
    });

    test.each([...MANAGED_RULE_GROUPS])("the managed group %s keeps the group's own actions (override_action none)", (group) => {
      const r = rule(synth, group);
      expect(r.override_action).toEqual({ none: {} });
      expect(r.action).toBeUndefined();
    });

    test('by default the common rule set only counts the body-size and missing-User-Agent rules, which API clients trip', () => {
      expect(rule(synth, 'AWSManagedRulesCommonRuleSet').statement.managed_rule_group_statement!.rule_action_override).toEqual([
        { name: 'SizeRestrictions_BODY', action_to_use: { count: {} } },
        { name: 'NoUserAgent_HEADER', action_to_use: { count: {} } },
      ]);
    });

    test('by default the other managed groups override nothing (every rule blocks)', () => {
      for (const group of ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesKnownBadInputsRuleSet']) {
        expect(rule(synth, group).statement.managed_rule_group_statement!.rule_action_override).toEqual([]);
      }
    });

    test('the WAF log redacts the authorization and cookie headers, in lowercase', () => {
      expect(onlyResource(synth, 'aws_wafv2_web_acl_logging_configuration').redacted_fields).toEqual([
        { single_header: { name: 'authorization' } },
        { single_header: { name: 'cookie' } },
      ]);
    });

    test.each(['rate-limit-per-ip', ...MANAGED_RULE_GROUPS])('rule %s has CloudWatch metrics and sampled requests on', (name) => {
      expect(rule(synth, name).visibility_config).toEqual(
        expect.objectContaining({ cloudwatch_metrics_enabled: true, sampled_requests_enabled: true }),
      );
    });

    test('every rule has its own metric name', () => {
      const names = rules(synth).map((r) => r.visibility_config.metric_name);
      expect(new Set(names).size).toBe(rules(synth).length);
    });

    test('the web ACL itself has CloudWatch metrics and sampled requests on', () => {
      expect(synth).toHaveResourceWithProperties(Wafv2WebAcl, {
        visibility_config: {
          cloudwatch_metrics_enabled: true,
          sampled_requests_enabled: true,
          metric_name: 'fintech-production-web-acl',
        },
      });
    });

    test('the log group name starts with "aws-waf-logs-", as WAF requires', () => {
      const name = onlyResource(synth, 'aws_cloudwatch_log_group').name as string;
      expect(name).toMatch(/^aws-waf-logs-/);
      expect(name).toBe('aws-waf-logs-fintech-production-edge');
    });

    test('the log group is encrypted with the given KMS key', () => {
      expect(synth).toHaveResourceWithProperties(CloudwatchLogGroup, { kms_key_id: KMS_KEY });
    });

    test('WAF logs are kept 90 days by default', () => {
      expect(synth).toHaveResourceWithProperties(CloudwatchLogGroup, { retention_in_days: 90 });
    });

    test('the logging configuration sends the web ACL logs to the log group', () => {
      expect(synth).toHaveResourceWithProperties(Wafv2WebAclLoggingConfiguration, {
        resource_arn: referenceTo(synth, 'aws_wafv2_web_acl', () => true, 'arn'),
        log_destination_configs: [referenceTo(synth, 'aws_cloudwatch_log_group', () => true, 'arn')],
      });
    });

    test('by default the resources use the stack default provider', () => {
      expect(onlyResource(synth, 'aws_wafv2_web_acl').provider).toBeUndefined();
      expect(onlyResource(synth, 'aws_cloudwatch_log_group').provider).toBeUndefined();
      expect(onlyResource(synth, 'aws_wafv2_web_acl_logging_configuration').provider).toBeUndefined();
    });
  });

  test('rateLimitPer5Minutes overrides the rate limit', () => {
    expect(rule(synthFirewall({ rateLimitPer5Minutes: 500 }), 'rate-limit-per-ip').statement.rate_based_statement).toEqual(
      expect.objectContaining({ limit: 500 }),
    );
  });

  test('accepts the WAF minimum rate limit of 10', () => {
    expect(rule(synthFirewall({ rateLimitPer5Minutes: 10 }), 'rate-limit-per-ip').statement.rate_based_statement).toEqual(
      expect.objectContaining({ limit: 10 }),
    );
  });

  test.each([9, 0, 100.5])('rejects rateLimitPer5Minutes %p, naming the bad value', (limit) => {
    expect(() => synthFirewall({ rateLimitPer5Minutes: limit })).toThrow(
      new RegExp(`rateLimitPer5Minutes must be an integer 10–2000000000 \\(WAF's bounds\\); got ${limit}\\.`),
    );
  });

  test('commonRuleSetCountedRules replaces the default list of counted rules', () => {
    const synth = synthFirewall({ commonRuleSetCountedRules: ['GenericRFI_BODY'] });
    expect(rule(synth, 'AWSManagedRulesCommonRuleSet').statement.managed_rule_group_statement!.rule_action_override).toEqual([
      { name: 'GenericRFI_BODY', action_to_use: { count: {} } },
    ]);
  });

  test('an empty commonRuleSetCountedRules makes every rule of the common rule set block', () => {
    const synth = synthFirewall({ commonRuleSetCountedRules: [] });
    expect(rule(synth, 'AWSManagedRulesCommonRuleSet').statement.managed_rule_group_statement!.rule_action_override).toEqual([]);
  });

  test('commonRuleSetCountedRules leave the other managed groups untouched', () => {
    const synth = synthFirewall({ commonRuleSetCountedRules: ['SizeRestrictions_BODY'] });
    for (const group of ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesKnownBadInputsRuleSet']) {
      expect(rule(synth, group).statement.managed_rule_group_statement!.rule_action_override).toEqual([]);
    }
  });

  test('redactedHeaders adds headers to redact', () => {
    const synth = synthFirewall({ redactedHeaders: ['authorization', 'cookie', 'x-api-key'] });
    expect(onlyResource(synth, 'aws_wafv2_web_acl_logging_configuration').redacted_fields).toEqual([
      { single_header: { name: 'authorization' } },
      { single_header: { name: 'cookie' } },
      { single_header: { name: 'x-api-key' } },
    ]);
  });

  test.each([
    [['authorization'], 'must include "cookie"'],
    [[], 'must include "authorization" and "cookie"'],
    [['authorization', 'cookie', 'X-Api-Key'], 'lists "X-Api-Key": a header name is 1–64 lowercase characters'],
    [['authorization', 'cookie', 'cookie'], 'lists "cookie" twice'],
  ])('rejects redactedHeaders %j, saying why', (headers, message) => {
    expect(() => synthFirewall({ redactedHeaders: headers })).toThrow(
      `EdgeFirewall firewall: redactedHeaders ${JSON.stringify(headers)} ${message}`,
    );
  });

  test('logRetentionDays overrides the WAF log retention', () => {
    expect(synthFirewall({ logRetentionDays: 365 })).toHaveResourceWithProperties(CloudwatchLogGroup, { retention_in_days: 365 });
  });

  test('metric names replace characters CloudWatch does not allow', () => {
    const synth = synthFirewall({ namePrefix: 'fintech.prod' });
    expect(rule(synth, 'rate-limit-per-ip').visibility_config).toEqual(expect.objectContaining({ metric_name: 'fintech-prod-rate-limit' }));
  });

  test('usEast1Provider places the web ACL, its log group and the logging configuration in us-east-1', () => {
    const synth = Testing.synthScope((scope) => {
      new AwsProvider(scope, 'aws', { region: 'eu-west-1' });
      const usEast1 = new AwsProvider(scope, 'aws-us-east-1', { region: 'us-east-1', alias: 'us_east_1' });
      new EdgeFirewall(scope, 'firewall', { ...BASE, usEast1Provider: usEast1 });
    });
    expect(synth).toHaveResourceWithProperties(Wafv2WebAcl, { provider: 'aws.us_east_1' });
    expect(synth).toHaveResourceWithProperties(CloudwatchLogGroup, { provider: 'aws.us_east_1' });
    expect(synth).toHaveResourceWithProperties(Wafv2WebAclLoggingConfiguration, { provider: 'aws.us_east_1' });
  });
});
