/**
 * FIN-VPC2 — the default security group of every created VPC is emptied.
 *
 * Every `aws_vpc` must have an `aws_default_security_group` whose `vpc_id` references it, and
 * every `aws_default_security_group` must declare no `ingress` and no `egress` (Terraform then
 * removes AWS's default allow rules). Anything launched without an explicit group falls back to
 * the default group, which otherwise allows all traffic between its members and all egress.
 *
 * Mirrors: checkov CKV2_AWS_12; Security Hub EC2.2; cdk-nag NIST.800.53.R5-VPCDefaultSecurityGroupClosed.
 */
import type { GuardrailRule } from '../rule';
import { compliant, fromProblems, nonCompliant } from '../rule';
import { blocks, show } from '../lib/values';

export const vpcDefaultSecurityGroup: GuardrailRule = {
  id: 'FIN-VPC2',
  title: 'Default security groups are emptied',
  severity: 'medium',
  description:
    'Every aws_vpc the stack creates has an aws_default_security_group referencing it, and no default security group declares ingress or egress.',
  mirrors: ['checkov CKV2_AWS_12', 'Security Hub EC2.2', 'cdk-nag NIST.800.53.R5-VPCDefaultSecurityGroupClosed'],
  resourceTypes: ['aws_vpc', 'aws_default_security_group'],
  check(resource, stack) {
    if (resource.type === 'aws_default_security_group') {
      return fromProblems(
        (['ingress', 'egress'] as const)
          .filter((direction) => blocks(resource.config[direction]).length > 0)
          .map(
            (direction) =>
              `${direction} is ${show(resource.config[direction])}; remove every ${direction} block so the default group allows nothing`,
          ),
      );
    }
    const managed = stack.byType('aws_default_security_group').some((g) => stack.reference(g.config.vpc_id)?.address === resource.address);
    return managed
      ? compliant()
      : nonCompliant(`no aws_default_security_group has vpc_id = ${resource.address}.id; add one with no ingress and no egress blocks`);
  },
};
