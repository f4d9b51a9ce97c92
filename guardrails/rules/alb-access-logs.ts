/**
 * FIN-ALB2 — the ALB writes access logs.
 *
 * Every Application Load Balancer must have `access_logs { enabled = true, bucket = ... }` (the
 * provider's `enabled` defaults to false even when a bucket is given). ALB logs show what reached
 * the origin, with timings and TLS details, for incident response and abuse analysis.
 *
 * Mirrors: checkov CKV_AWS_91; Security Hub ELB.5; cdk-nag AwsSolutions-ELB2.
 */
import type { GuardrailRule } from '../rule';
import { compliant, nonCompliant } from '../rule';
import { isApplicationLoadBalancer, LOAD_BALANCER_TYPES, notAnApplicationLoadBalancer } from '../lib/load-balancers';
import { block, isTrue, nonEmpty, show } from '../lib/values';

export const albAccessLogs: GuardrailRule = {
  id: 'FIN-ALB2',
  title: 'ALB access logs are enabled',
  severity: 'medium',
  description: 'Every Application Load Balancer has access_logs with enabled = true and a bucket.',
  mirrors: ['checkov CKV_AWS_91', 'Security Hub ELB.5', 'cdk-nag AwsSolutions-ELB2'],
  resourceTypes: LOAD_BALANCER_TYPES,
  check(resource) {
    if (!isApplicationLoadBalancer(resource)) return notAnApplicationLoadBalancer(resource);
    const logs = block(resource.config.access_logs);
    if (logs && isTrue(logs.enabled) && nonEmpty(logs.bucket) !== undefined) return compliant();
    return nonCompliant(
      `access_logs is ${show(resource.config.access_logs)}; set access_logs { enabled = true, bucket = <an S3 bucket whose policy lets the regional ELB account write> }`,
    );
  },
};
