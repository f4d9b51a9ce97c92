/**
 * FIN-ALB1 — the ALB drops invalid HTTP header fields.
 *
 * Every Application Load Balancer must set `drop_invalid_header_fields = true` (default false).
 * Headers that do not match RFC 7230's grammar are a request-smuggling and header-injection vector
 * toward the application.
 *
 * Mirrors: checkov CKV_AWS_131; Security Hub ELB.4.
 */
import type { GuardrailRule } from '../rule';
import { compliant, nonCompliant } from '../rule';
import { isApplicationLoadBalancer, LOAD_BALANCER_TYPES, notAnApplicationLoadBalancer } from '../lib/load-balancers';
import { isTrue, show } from '../lib/values';

export const albDropInvalidHeaders: GuardrailRule = {
  id: 'FIN-ALB1',
  title: 'ALB drops invalid header fields',
  severity: 'medium',
  description: 'Every Application Load Balancer sets drop_invalid_header_fields to true.',
  mirrors: ['checkov CKV_AWS_131', 'Security Hub ELB.4'],
  resourceTypes: LOAD_BALANCER_TYPES,
  check(resource) {
    if (!isApplicationLoadBalancer(resource)) return notAnApplicationLoadBalancer(resource);
    return isTrue(resource.config.drop_invalid_header_fields)
      ? compliant()
      : nonCompliant(`drop_invalid_header_fields is ${show(resource.config.drop_invalid_header_fields)}; set it to true`);
  },
};
