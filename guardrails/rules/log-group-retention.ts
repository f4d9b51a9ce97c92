/**
 * FIN-LOG1 — log groups have a retention period.
 *
 * Every `aws_cloudwatch_log_group` must set `retention_in_days` to a positive value (absent or 0
 * keeps events forever). Unbounded retention keeps personal data longer than any policy allows and
 * grows cost without limit; an explicit period is a decision someone made.
 *
 * Mirrors: checkov CKV_AWS_66; Security Hub CloudWatch.16; cdk-nag NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod.
 */
import type { GuardrailRule } from '../rule';
import { compliant, nonCompliant } from '../rule';
import { num, show } from '../lib/values';

export const logGroupRetention: GuardrailRule = {
  id: 'FIN-LOG1',
  title: 'Log groups have a retention period',
  severity: 'medium',
  description: 'Every CloudWatch log group sets retention_in_days to a positive number of days.',
  mirrors: ['checkov CKV_AWS_66', 'Security Hub CloudWatch.16', 'cdk-nag NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod'],
  resourceTypes: ['aws_cloudwatch_log_group'],
  check(resource) {
    const days = num(resource.config.retention_in_days);
    return days !== undefined && days > 0
      ? compliant()
      : nonCompliant(
          `retention_in_days is ${show(resource.config.retention_in_days)} (events kept forever); set a retention period, e.g. 90 or 365 days`,
        );
  },
};
