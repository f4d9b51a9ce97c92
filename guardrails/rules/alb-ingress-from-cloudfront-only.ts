/**
 * FIN-SG2 — the Application Load Balancer is reachable only from CloudFront.
 *
 * Every ingress permission on a security group listed in an ALB's `security_groups` must have as
 * its only source a `prefix_list_id` that references a `data.aws_ec2_managed_prefix_list` named
 * `com.amazonaws.global.cloudfront.origin-facing`. The ALB must also have security groups, all
 * created in this stack (otherwise their rules cannot be verified). Any other source lets traffic
 * bypass CloudFront and its WAF, TLS policy and headers.
 *
 * Mirrors: AWS CloudFront Developer Guide, "Restrict access to Application Load Balancers"
 * (origin-facing managed prefix list); Security Hub EC2.18 (partially).
 */
import type { GuardrailRule, StackView } from '../rule';
import { isApplicationLoadBalancer, LOAD_BALANCER_TYPES, notAnApplicationLoadBalancer } from '../lib/load-balancers';
import { attachedGroups, checkOwnerGroups, checkTargetIngress, describeSources, INGRESS_RESOURCE_TYPES } from '../lib/security-groups';
import { blocks, str, strings } from '../lib/values';

/** The AWS-managed prefix list of CloudFront's origin-facing servers. */
export const CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST_NAME = 'com.amazonaws.global.cloudfront.origin-facing';

/** True when `value` references a managed-prefix-list data source that looks up the CloudFront origin-facing list. */
export function isCloudFrontPrefixList(stack: StackView, value: string): boolean {
  const ref = stack.reference(value);
  if (!ref || ref.type !== 'data.aws_ec2_managed_prefix_list') return false;
  const list = stack.byAddress(ref.address);
  if (!list) return false;
  if (str(list.config.name) === CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST_NAME) return true;
  return blocks(list.config.filter).some(
    (f) =>
      str(f.name) === 'prefix-list-name' &&
      strings(f.values).length === 1 &&
      strings(f.values)[0] === CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST_NAME,
  );
}

export const albIngressFromCloudFrontOnly: GuardrailRule = {
  id: 'FIN-SG2',
  title: 'Load balancer reachable only from CloudFront',
  severity: 'high',
  description:
    "Every ingress rule on an ALB's security groups has as its only source the com.amazonaws.global.cloudfront.origin-facing managed prefix list; the ALB has groups, all created in this stack.",
  mirrors: ['AWS CloudFront Developer Guide: restrict ALB access with the origin-facing prefix list', 'Security Hub EC2.18 (partially)'],
  resourceTypes: [...LOAD_BALANCER_TYPES, ...INGRESS_RESOURCE_TYPES],
  check(resource, stack) {
    if ((LOAD_BALANCER_TYPES as readonly string[]).includes(resource.type)) {
      if (!isApplicationLoadBalancer(resource)) return notAnApplicationLoadBalancer(resource);
      return checkOwnerGroups(stack, 'security_groups', resource.config.security_groups);
    }
    const albGroups = attachedGroups(stack, LOAD_BALANCER_TYPES, (lb) =>
      isApplicationLoadBalancer(lb) ? lb.config.security_groups : undefined,
    );
    return checkTargetIngress(resource, stack, albGroups, (p) => {
      const onlyCloudFront =
        p.prefixListIds.length > 0 &&
        p.prefixListIds.every((id) => isCloudFrontPrefixList(stack, id)) &&
        p.cidrIpv4.length === 0 &&
        p.cidrIpv6.length === 0 &&
        p.sourceGroups.length === 0 &&
        !p.self;
      if (onlyCloudFront) return undefined;
      return `admits ${describeSources(p).join(', ') || 'no source'}; the ALB must be reachable only from CloudFront: use prefix_list_id = a data.aws_ec2_managed_prefix_list named "${CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST_NAME}" as the only source`;
    });
  },
};
