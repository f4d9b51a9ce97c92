/**
 * FIN-SG6 — every security group stays within the rules-per-group quota, counting prefix lists at
 * their weight.
 *
 * AWS allows 60 inbound and 60 outbound rules per group by default, and a rule that references an
 * AWS-managed prefix list counts as the list's weight: the CloudFront origin-facing list weighs 55.
 * A group over the quota fails on apply (`RulesPerSecurityGroupLimitExceeded`), yet the local
 * emulator counts a prefix-list rule as 0 and accepts it — the limit the hand-made ALB group hit at
 * 58 CloudFront ranges. Other prefix lists count as 1 here (customer-managed lists weigh their
 * maximum entries, which the stack does not see).
 *
 * Mirrors: Amazon VPC quotas, "Inbound or outbound rules per security group"; VPC User Guide,
 * "AWS-managed prefix list weight".
 */
import { CLOUDFRONT_PREFIX_LIST_WEIGHT, SECURITY_GROUP_RULES_PER_DIRECTION } from '../../constructs/shared/limits';
import type { GuardrailRule, ResourceView, StackView } from '../rule';
import { compliant, nonCompliant } from '../rule';
import { groupKey, ingressPermissions } from '../lib/security-groups';
import { blocks, strings } from '../lib/values';
import { isCloudFrontPrefixList } from './alb-ingress-from-cloudfront-only';

/** What one prefix-list source counts against the quota. */
function prefixListWeight(stack: StackView, id: string): number {
  return isCloudFrontPrefixList(stack, id) ? CLOUDFRONT_PREFIX_LIST_WEIGHT : 1;
}

/** Weighted inbound rule count of `group`. */
function inbound(stack: StackView, group: ResourceView): number {
  return stack.resources
    .flatMap((r) => ingressPermissions(r, stack))
    .filter((p) => p.group === group.address)
    .reduce(
      (n, p) =>
        n +
        p.cidrIpv4.length +
        p.cidrIpv6.length +
        p.sourceGroups.length +
        (p.self ? 1 : 0) +
        p.prefixListIds.reduce((w, id) => w + prefixListWeight(stack, id), 0),
      0,
    );
}

/** Weighted outbound rule count of `group`: separate egress rules and inline egress blocks. */
function outbound(stack: StackView, group: ResourceView): number {
  const separate = stack
    .byType('aws_vpc_security_group_egress_rule')
    .filter((r) => groupKey(stack, r.config.security_group_id) === group.address)
    .reduce((n, r) => n + (typeof r.config.prefix_list_id === 'string' ? prefixListWeight(stack, r.config.prefix_list_id) : 1), 0);
  const inline = blocks(group.config.egress).reduce(
    (n, b) =>
      n +
      strings(b.cidr_blocks).length +
      strings(b.ipv6_cidr_blocks).length +
      strings(b.security_groups).length +
      strings(b.prefix_list_ids).reduce((w, id) => w + prefixListWeight(stack, id), 0),
    0,
  );
  return separate + inline;
}

export const securityGroupRuleQuota: GuardrailRule = {
  id: 'FIN-SG6',
  title: 'Security groups within the rules-per-group quota',
  severity: 'medium',
  description: `Each security group has at most ${SECURITY_GROUP_RULES_PER_DIRECTION} inbound and ${SECURITY_GROUP_RULES_PER_DIRECTION} outbound rules, a rule on the CloudFront origin-facing prefix list counting ${CLOUDFRONT_PREFIX_LIST_WEIGHT}.`,
  mirrors: ['Amazon VPC quotas: rules per security group', 'VPC User Guide: AWS-managed prefix list weight'],
  resourceTypes: ['aws_security_group'],
  check(resource, stack) {
    const counts = { inbound: inbound(stack, resource), outbound: outbound(stack, resource) };
    const over = Object.entries(counts).filter(([, n]) => n > SECURITY_GROUP_RULES_PER_DIRECTION);
    if (over.length === 0) return compliant();
    return nonCompliant(
      `${over.map(([direction, n]) => `${n} ${direction} rules`).join(' and ')} (a CloudFront prefix-list rule counts ${CLOUDFRONT_PREFIX_LIST_WEIGHT}), over the quota of ${SECURITY_GROUP_RULES_PER_DIRECTION}: the apply would fail; move rules to another group (a group per prefix-list rule)`,
    );
  },
};
