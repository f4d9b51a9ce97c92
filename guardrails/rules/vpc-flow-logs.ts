/**
 * FIN-VPC1 — every VPC the stack uses has a flow log, created or referenced.
 *
 * A VPC is used by the stack when it creates it (`aws_vpc`), looks it up (`data.aws_vpc`) or
 * places something in it by literal ID (`vpc_id = "vpc-…"` on a security group, subnet, endpoint,
 * target group, route table or internet gateway). Each such VPC must have an `aws_flow_log` whose
 * `vpc_id` references it or names its ID. Flow logs are the network record of an incident: what
 * talked to what, and what was rejected. A flow log attaches to an existing VPC as well as to a new
 * one, and Security Hub checks every VPC of the account.
 *
 * Mirrors: checkov CKV2_AWS_11; Security Hub EC2.6; cdk-nag AwsSolutions-VPC7.
 */
import type { GuardrailRule, ResourceView, StackView } from '../rule';
import { compliant, nonCompliant, notApplicable } from '../rule';
import { nonEmpty, show } from '../lib/values';

/** Types that create or look up a VPC. */
const VPC_TYPES = new Set(['aws_vpc', 'data.aws_vpc']);

/** Types that place something in a VPC through `vpc_id`. */
export const VPC_MEMBER_TYPES = [
  'aws_security_group',
  'aws_subnet',
  'aws_vpc_endpoint',
  'aws_lb_target_group',
  'aws_route_table',
  'aws_internet_gateway',
] as const;

/** `data.aws_vpc` or `aws_vpc`, as {@link StackView.byType} keys them. */
function typeKey(resource: ResourceView): string {
  return resource.mode === 'data' ? `data.${resource.type}` : resource.type;
}

/** The ways a VPC is named: the address of its resource or data source, and its literal ID when known. */
function vpcNames(stack: StackView, value: unknown): string[] {
  const ref = stack.reference(value);
  if (ref) {
    if (!VPC_TYPES.has(ref.type)) return [];
    const literal = nonEmpty(stack.byAddress(ref.address)?.config.id);
    return [ref.address, ...(literal !== undefined && !literal.includes('${') ? [literal] : [])];
  }
  const literal = nonEmpty(value);
  return literal !== undefined && !literal.includes('${') ? [literal] : [];
}

/** Every name of every VPC a flow log is attached to. */
function flowLoggedVpcs(stack: StackView): Set<string> {
  return new Set(stack.byType('aws_flow_log').flatMap((f) => vpcNames(stack, f.config.vpc_id)));
}

const FIX = 'add an aws_flow_log (traffic_type ALL, to CloudWatch Logs or S3) with that vpc_id; a flow log attaches to an existing VPC too';

export const vpcFlowLogs: GuardrailRule = {
  id: 'FIN-VPC1',
  title: 'Every VPC the stack uses has a flow log',
  severity: 'medium',
  description:
    'Every VPC the stack creates (aws_vpc), looks up (data.aws_vpc) or places resources in by literal vpc_id has an aws_flow_log whose vpc_id references it or names its ID.',
  mirrors: ['checkov CKV2_AWS_11', 'Security Hub EC2.6', 'cdk-nag AwsSolutions-VPC7'],
  resourceTypes: ['aws_vpc', 'data.aws_vpc', ...VPC_MEMBER_TYPES],
  check(resource, stack) {
    const logged = flowLoggedVpcs(stack);
    if (VPC_TYPES.has(typeKey(resource))) {
      const names = vpcNames(stack, `\${${resource.address}.id}`);
      if (names.some((n) => logged.has(n))) return compliant();
      const what =
        resource.mode === 'data'
          ? `VPC ${show(resource.config.id ?? resource.config.filter)} (looked up by ${resource.address})`
          : `VPC ${show(resource.config.cidr_block)} (${resource.address})`;
      return nonCompliant(`no aws_flow_log has vpc_id = ${resource.address}.id or the VPC's ID: ${what} is unlogged; ${FIX}`);
    }
    const vpcId = resource.config.vpc_id;
    const ref = stack.reference(vpcId);
    if (ref !== undefined) {
      return notApplicable(VPC_TYPES.has(ref.type) ? `the VPC is checked on ${ref.address}` : 'vpc_id is an attribute of another resource');
    }
    const names = vpcNames(stack, vpcId);
    if (names.length === 0) return notApplicable(`vpc_id is ${show(vpcId)}, not a VPC ID this rule can follow`);
    if (names.some((n) => logged.has(n))) return compliant();
    return nonCompliant(`vpc_id ${show(vpcId)} names a VPC this stack uses that no aws_flow_log covers; ${FIX}`);
  },
};
