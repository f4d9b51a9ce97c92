/**
 * FIN-SG4 — interface endpoints admit only HTTPS from inside the VPC.
 *
 * Every ingress permission on a security group attached to an `aws_vpc_endpoint` of type
 * `Interface` must be TCP 443 only, from a referenced security group or from a CIDR that
 * references the VPC's `cidr_block` (a literal CIDR inside a VPC CIDR of this stack also passes).
 * The endpoint must have security groups, all created in this stack. Endpoints carry credentials
 * and secrets (ECR, Secrets Manager, KMS); nothing but HTTPS from the workload should reach them.
 *
 * Mirrors: AWS PrivateLink guide (endpoint security group admits HTTPS from the VPC);
 * AWS Well-Architected SEC05-BP02.
 */
import type { GuardrailRule, StackView } from '../rule';
import { notApplicable } from '../rule';
import { ipv4Within } from '../lib/cidr';
import { attachedGroups, checkOwnerGroups, checkTargetIngress, describePorts, INGRESS_RESOURCE_TYPES } from '../lib/security-groups';
import { isExpression, show, str } from '../lib/values';

/** True when `cidr` references a VPC's CIDR attribute or lies inside a literal VPC CIDR of the stack. */
function isVpcCidr(stack: StackView, cidr: string, family: 'ipv4' | 'ipv6'): boolean {
  const ref = stack.reference(cidr);
  const attribute = family === 'ipv4' ? 'cidr_block' : 'ipv6_cidr_block';
  if (ref) return (ref.type === 'aws_vpc' || ref.type === 'data.aws_vpc') && ref.attribute === attribute;
  if (family === 'ipv6' || isExpression(cidr)) return false;
  return [...stack.byType('aws_vpc'), ...stack.byType('data.aws_vpc')].some((vpc) => {
    const block = str(vpc.config.cidr_block);
    return block !== undefined && !isExpression(block) && ipv4Within(cidr, block);
  });
}

function isInterfaceEndpoint(config: Readonly<Record<string, unknown>>): boolean {
  return str(config.vpc_endpoint_type) === 'Interface';
}

export const endpointIngressHttpsFromVpc: GuardrailRule = {
  id: 'FIN-SG4',
  title: 'Interface endpoints admit only HTTPS from inside the VPC',
  severity: 'medium',
  description:
    "Every ingress rule on an interface endpoint's security groups is TCP 443 from a referenced security group or the VPC's CIDR; the endpoint has groups, all created in this stack.",
  mirrors: ['AWS PrivateLink guide: endpoint security group admits HTTPS from the VPC', 'AWS Well-Architected SEC05-BP02'],
  resourceTypes: ['aws_vpc_endpoint', ...INGRESS_RESOURCE_TYPES],
  check(resource, stack) {
    if (resource.type === 'aws_vpc_endpoint') {
      if (!isInterfaceEndpoint(resource.config)) {
        return notApplicable(`vpc_endpoint_type is ${show(resource.config.vpc_endpoint_type ?? 'Gateway')}, not "Interface"`);
      }
      return checkOwnerGroups(stack, 'security_group_ids', resource.config.security_group_ids);
    }
    const endpointGroups = attachedGroups(stack, ['aws_vpc_endpoint'], (e) =>
      isInterfaceEndpoint(e.config) ? e.config.security_group_ids : undefined,
    );
    return checkTargetIngress(resource, stack, endpointGroups, (p) => {
      const problems: string[] = [];
      if (p.protocol !== 'tcp' || p.fromPort !== 443 || p.toPort !== 443)
        problems.push(`opens ${describePorts(p)} (only tcp 443 is allowed)`);
      const badSources = [
        ...p.cidrIpv4.filter((c) => !isVpcCidr(stack, c, 'ipv4')).map((c) => `cidr_ipv4 ${show(c)}`),
        ...p.cidrIpv6.filter((c) => !isVpcCidr(stack, c, 'ipv6')).map((c) => `cidr_ipv6 ${show(c)}`),
        ...p.prefixListIds.map((id) => `prefix_list_id ${show(id)}`),
      ];
      if (badSources.length > 0) problems.push(`admits ${badSources.join(', ')} (not inside the VPC)`);
      if (problems.length === 0) return undefined;
      return `${problems.join(' and ')}; admit only tcp 443 from the workload's security group or the VPC's cidr_block`;
    });
  },
};
