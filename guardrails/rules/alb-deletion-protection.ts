/**
 * FIN-ALB3 — deletion protection on production load balancers.
 *
 * In production-like environments ({@link GuardrailOptions.productionLike}) every Application Load
 * Balancer must set `enable_deletion_protection = true`: deleting it takes the API offline and
 * changes its DNS name, which CloudFront's VPC origin points at. Elsewhere the rule does not apply,
 * so throwaway environments can be destroyed.
 *
 * Mirrors: checkov CKV_AWS_150; Security Hub ELB.6.
 */
import type { GuardrailRule } from '../rule';
import { compliant, nonCompliant, notApplicable } from '../rule';
import { isApplicationLoadBalancer, LOAD_BALANCER_TYPES, notAnApplicationLoadBalancer } from '../lib/load-balancers';
import { isTrue, show } from '../lib/values';

export const albDeletionProtection: GuardrailRule = {
  id: 'FIN-ALB3',
  title: 'ALB deletion protection is enabled in production',
  severity: 'medium',
  description: 'In production-like environments every Application Load Balancer sets enable_deletion_protection to true.',
  mirrors: ['checkov CKV_AWS_150', 'Security Hub ELB.6'],
  resourceTypes: LOAD_BALANCER_TYPES,
  check(resource, _stack, options) {
    if (!isApplicationLoadBalancer(resource)) return notAnApplicationLoadBalancer(resource);
    if (!options.productionLike) return notApplicable('deletion protection is required only in production-like environments');
    return isTrue(resource.config.enable_deletion_protection)
      ? compliant()
      : nonCompliant(
          `enable_deletion_protection is ${show(resource.config.enable_deletion_protection)} in a production environment; set it to true`,
        );
  },
};
