/**
 * FIN-VPC1 — every VPC this project creates has a flow log.
 *
 * Every `aws_vpc` must have an `aws_flow_log` whose `vpc_id` references it. Flow logs are the
 * network record of an incident: what talked to what, and what was rejected. VPCs referenced by ID
 * (data sources) are someone else's to log and are not checked.
 *
 * Mirrors: checkov CKV2_AWS_11; Security Hub EC2.6; cdk-nag AwsSolutions-VPC7.
 */
import type { GuardrailRule } from '../rule';
import { compliant, nonCompliant } from '../rule';
import { show } from '../lib/values';

export const vpcFlowLogs: GuardrailRule = {
  id: 'FIN-VPC1',
  title: 'VPCs have flow logs',
  severity: 'medium',
  description: 'Every aws_vpc the stack creates has an aws_flow_log whose vpc_id references it.',
  mirrors: ['checkov CKV2_AWS_11', 'Security Hub EC2.6', 'cdk-nag AwsSolutions-VPC7'],
  resourceTypes: ['aws_vpc'],
  check(resource, stack) {
    const logged = stack.byType('aws_flow_log').some((f) => stack.reference(f.config.vpc_id)?.address === resource.address);
    return logged
      ? compliant()
      : nonCompliant(
          `no aws_flow_log has vpc_id = ${resource.address}.id (VPC ${show(resource.config.cidr_block)}); add one (traffic_type ALL) to CloudWatch Logs or S3`,
        );
  },
};
