/**
 * FIN-CF2 — a WAF web ACL protects the distribution.
 *
 * Every `aws_cloudfront_distribution` must set `web_acl_id` (a WAFv2 web ACL ARN in us-east-1).
 * CloudFront is the only way in; without a WAF nothing rate-limits or filters known-bad requests
 * (injection, bad bots, Log4j-style payloads) before they reach the API.
 *
 * Mirrors: checkov CKV_AWS_68; Security Hub CloudFront.6; cdk-nag AwsSolutions-CFR2.
 */
import type { GuardrailRule } from '../rule';
import { compliant, nonCompliant } from '../rule';
import { nonEmpty, show } from '../lib/values';

export const cloudFrontWaf: GuardrailRule = {
  id: 'FIN-CF2',
  title: 'CloudFront has a WAF web ACL',
  severity: 'medium',
  description: 'Every distribution sets web_acl_id.',
  mirrors: ['checkov CKV_AWS_68', 'Security Hub CloudFront.6', 'cdk-nag AwsSolutions-CFR2'],
  resourceTypes: ['aws_cloudfront_distribution'],
  check(resource) {
    return nonEmpty(resource.config.web_acl_id) !== undefined
      ? compliant()
      : nonCompliant(
          `web_acl_id is ${show(resource.config.web_acl_id)}; attach an aws_wafv2_web_acl (scope CLOUDFRONT, in us-east-1) with at least the AWS managed common rule set and a rate-based rule`,
        );
  },
};
