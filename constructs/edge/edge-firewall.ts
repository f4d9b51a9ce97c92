import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Wafv2WebAcl, type Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { Construct } from 'constructs';
import {
  WAF_DEFAULT_COUNTED_COMMON_RULES,
  WAF_HEADER_NAME,
  WAF_MAX_REDACTED_FIELDS,
  WAF_RATE_LIMIT,
  WAF_REQUIRED_REDACTED_HEADERS,
} from '../shared/limits';
import type { Outputs } from '../shared/outputs';

/** AWS managed rule groups on the web ACL, in evaluation order. */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

export interface EdgeFirewallProps {
  /** Prefix of the web ACL, metric and log group names. */
  readonly namePrefix: string;
  /**
   * Requests one client IP may make in any 5-minute window before it is blocked.
   * @default 2000
   */
  readonly rateLimitPer5Minutes?: number;
  /**
   * Rules of the common rule set that only count (log, label) instead of blocking: the rules an
   * API's ordinary traffic trips, and any false positive. The list replaces the default.
   * @default WAF_DEFAULT_COUNTED_COMMON_RULES (SizeRestrictions_BODY, NoUserAgent_HEADER)
   */
  readonly commonRuleSetCountedRules?: readonly string[];
  /**
   * Request headers whose values the WAF log replaces with `REDACTED`, lowercase. Must include
   * `authorization` and `cookie` (bearer tokens, session cookies).
   * @default WAF_REQUIRED_REDACTED_HEADERS (authorization, cookie)
   */
  readonly redactedHeaders?: readonly string[];
  /** Days WAF logs are kept. @default 90 */
  readonly logRetentionDays?: number;
  /** Key that encrypts the WAF log group. */
  readonly logKmsKeyArn: string;
  /**
   * Provider in us-east-1: a web ACL for CloudFront (scope CLOUDFRONT) must be created there.
   * @default the stack's default provider (whose region must then be us-east-1)
   */
  readonly usEast1Provider?: AwsProvider;
}

/**
 * Why a list of headers to redact from WAF logs is unacceptable, or undefined: it must name
 * {@link WAF_REQUIRED_REDACTED_HEADERS}, each header once, in lowercase (WAF returns names in
 * lowercase, so any other case makes every plan show a change), within WAF's 100 fields.
 */
export function redactedHeadersProblem(headers: readonly string[]): string | undefined {
  const missing = WAF_REQUIRED_REDACTED_HEADERS.filter((h) => !headers.includes(h));
  if (missing.length > 0) return `must include ${missing.map((h) => `"${h}"`).join(' and ')} (bearer tokens and session cookies)`;
  const bad = headers.find((h) => !WAF_HEADER_NAME.test(h));
  if (bad !== undefined) return `lists "${bad}": a header name is 1–64 lowercase characters (WAF returns names in lowercase)`;
  const duplicate = headers.find((h, i) => headers.indexOf(h) !== i);
  if (duplicate !== undefined) return `lists "${duplicate}" twice`;
  if (headers.length > WAF_MAX_REDACTED_FIELDS) return `lists ${headers.length} headers; WAF allows at most ${WAF_MAX_REDACTED_FIELDS}`;
  return undefined;
}

/**
 * The WAFv2 web ACL in front of CloudFront: AWS managed rule groups (IP reputation, common
 * rule set, known bad inputs), a per-IP rate limit, CloudWatch metrics for every rule, and
 * logging to an encrypted log group with the credential headers redacted.
 */
export class EdgeFirewall extends Construct {
  /** What an operator needs after a deploy (a stack exports them). */
  public readonly outputs: Outputs;
  public readonly webAcl: Wafv2WebAcl;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly logging: Wafv2WebAclLoggingConfiguration;

  public constructor(scope: Construct, id: string, props: EdgeFirewallProps) {
    super(scope, id);
    const limit = props.rateLimitPer5Minutes ?? 2000;
    if (!Number.isInteger(limit) || limit < WAF_RATE_LIMIT.min || limit > WAF_RATE_LIMIT.max) {
      throw new Error(
        `EdgeFirewall ${id}: rateLimitPer5Minutes must be an integer ${WAF_RATE_LIMIT.min}–${WAF_RATE_LIMIT.max} (WAF's bounds); got ${limit}.`,
      );
    }
    const counted = props.commonRuleSetCountedRules ?? WAF_DEFAULT_COUNTED_COMMON_RULES;
    const redacted = props.redactedHeaders ?? WAF_REQUIRED_REDACTED_HEADERS;
    const problem = redactedHeadersProblem(redacted);
    if (problem) throw new Error(`EdgeFirewall ${id}: redactedHeaders ${JSON.stringify(redacted)} ${problem}.`);
    const metric = (name: string) => ({
      cloudwatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${props.namePrefix}-${name}`.replace(/[^A-Za-z0-9_-]/g, '-'),
    });

    const managed: Wafv2WebAclRule[] = MANAGED_RULE_GROUPS.map((group, i) => ({
      name: group,
      priority: 10 + i,
      overrideAction: { none: {} },
      statement: {
        managed_rule_group_statement: {
          vendor_name: 'AWS',
          name: group,
          rule_action_override:
            group === 'AWSManagedRulesCommonRuleSet' ? counted.map((rule) => ({ name: rule, action_to_use: { count: {} } })) : [],
        },
      },
      visibilityConfig: metric(group),
    }));
    const rateLimit: Wafv2WebAclRule = {
      name: 'rate-limit-per-ip',
      priority: 1,
      action: { block: {} },
      statement: { rate_based_statement: { limit, aggregate_key_type: 'IP', evaluation_window_sec: 300 } },
      visibilityConfig: metric('rate-limit'),
    };

    this.webAcl = new Wafv2WebAcl(this, 'web-acl', {
      provider: props.usEast1Provider,
      name: `${props.namePrefix}-edge`,
      description: 'CloudFront: managed rule groups and a per-IP rate limit',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      rule: [rateLimit, ...managed],
      visibilityConfig: metric('web-acl'),
    });
    // WAF requires the log group name to start with "aws-waf-logs-".
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      provider: props.usEast1Provider,
      name: `aws-waf-logs-${props.namePrefix}-edge`,
      retentionInDays: props.logRetentionDays ?? 90,
      kmsKeyId: props.logKmsKeyArn,
    });
    this.logging = new Wafv2WebAclLoggingConfiguration(this, 'logging', {
      provider: props.usEast1Provider,
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [this.logGroup.arn],
      // Credentials never reach the log: WAF writes REDACTED for these headers' values.
      redactedFields: redacted.map((name) => ({ singleHeader: { name } })),
    });
    this.outputs = { web_acl_arn: { value: this.webAcl.arn, description: 'WAF web ACL on the distribution.' } };
  }
}
