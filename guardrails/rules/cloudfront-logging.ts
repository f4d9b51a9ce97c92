/**
 * FIN-CF3 — the distribution logs its requests.
 *
 * Every `aws_cloudfront_distribution` must log access: a `logging_config` with a `bucket`
 * (standard logging, legacy) or an `aws_cloudwatch_log_delivery_source` of log type
 * `ACCESS_LOGS` whose `resource_arn` references the distribution (standard logging v2). Edge logs
 * are the only record of who called the API before the WAF or the ALB saw it.
 *
 * Mirrors: checkov CKV_AWS_86; Security Hub CloudFront.5; cdk-nag AwsSolutions-CFR3.
 */
import type { GuardrailRule, ResourceView, StackView } from '../rule';
import { compliant, nonCompliant } from '../rule';
import { block, nonEmpty, show, str } from '../lib/values';

/** True when a v2 log delivery source collects this distribution's access logs. */
function hasLogDeliverySource(stack: StackView, distribution: ResourceView): boolean {
  return stack.byType('aws_cloudwatch_log_delivery_source').some((source) => {
    const ref = stack.reference(source.config.resource_arn);
    return ref?.address === distribution.address && ref.attribute === 'arn' && str(source.config.log_type) === 'ACCESS_LOGS';
  });
}

export const cloudFrontLogging: GuardrailRule = {
  id: 'FIN-CF3',
  title: 'CloudFront access logging is enabled',
  severity: 'medium',
  description: 'Every distribution has logging_config with a bucket, or an aws_cloudwatch_log_delivery_source (ACCESS_LOGS) for its ARN.',
  mirrors: ['checkov CKV_AWS_86', 'Security Hub CloudFront.5', 'cdk-nag AwsSolutions-CFR3'],
  resourceTypes: ['aws_cloudfront_distribution'],
  check(resource, stack) {
    const logging = block(resource.config.logging_config);
    if (nonEmpty(logging?.bucket) !== undefined || hasLogDeliverySource(stack, resource)) return compliant();
    return nonCompliant(
      `logging_config is ${show(resource.config.logging_config)} and no aws_cloudwatch_log_delivery_source collects its ACCESS_LOGS; enable standard logging to an S3 bucket or CloudWatch Logs`,
    );
  },
};
