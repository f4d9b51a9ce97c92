/**
 * FIN-SG1 — no ingress from the whole internet.
 *
 * Checks every ingress permission (separate `aws_vpc_security_group_ingress_rule` /
 * `aws_security_group_rule` resources and inline `ingress` blocks) for a source CIDR with prefix
 * length 0 (`0.0.0.0/0`, `::/0`). Nothing in this architecture is meant to be reachable from the
 * internet except through CloudFront, so any such rule is an exposure.
 *
 * Mirrors: cdk-nag AwsSolutions-EC23; checkov CKV_AWS_24, CKV_AWS_25, CKV_AWS_260, CKV_AWS_277;
 * Security Hub EC2.18, EC2.19, EC2.53, EC2.54.
 */
import type { GuardrailRule } from '../rule';
import { fromProblems, notApplicable } from '../rule';
import { isWholeAddressSpace } from '../lib/cidr';
import { describePorts, INGRESS_RESOURCE_TYPES, ingressPermissions } from '../lib/security-groups';
import { show } from '../lib/values';

export const noOpenIngress: GuardrailRule = {
  id: 'FIN-SG1',
  title: 'No ingress from the whole internet',
  severity: 'high',
  description: 'No security-group ingress (separate rule resources or inline blocks) admits 0.0.0.0/0 or ::/0.',
  mirrors: [
    'cdk-nag AwsSolutions-EC23',
    'checkov CKV_AWS_24',
    'checkov CKV_AWS_25',
    'checkov CKV_AWS_260',
    'checkov CKV_AWS_277',
    'Security Hub EC2.18',
    'Security Hub EC2.19',
    'Security Hub EC2.53',
    'Security Hub EC2.54',
  ],
  resourceTypes: INGRESS_RESOURCE_TYPES,
  check(resource, stack) {
    const permissions = ingressPermissions(resource, stack);
    if (permissions.length === 0) return notApplicable('declares no ingress');
    return fromProblems(
      permissions.flatMap((p) =>
        [...p.cidrIpv4.map((c) => ['cidr_ipv4', c] as const), ...p.cidrIpv6.map((c) => ['cidr_ipv6', c] as const)]
          .filter(([, cidr]) => isWholeAddressSpace(cidr))
          .map(
            ([attribute, cidr]) =>
              `${p.label} admits ${attribute} ${show(cidr)} (the whole internet) on ${describePorts(p)}; narrow the source to a security group, a managed prefix list or the VPC CIDR`,
          ),
      ),
    );
  },
};
