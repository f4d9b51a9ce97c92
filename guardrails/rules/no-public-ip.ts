/**
 * FIN-NET1 — no public IP addresses.
 *
 * Flags every setting that gives a resource an internet-routable address: ECS services with
 * `assign_public_ip`, subnets with `map_public_ip_on_launch`, instances and launch templates with
 * `associate_public_ip_address`, publicly accessible databases, internet-facing load balancers
 * (`internal` not true) and Elastic IPs. The delivery layer is private by design (no NAT; the
 * internal ALB is reached through a CloudFront VPC origin), so a public address is an exposure.
 *
 * Mirrors: checkov CKV_AWS_333, CKV_AWS_130, CKV_AWS_88, CKV_AWS_17; Security Hub ECS.2, EC2.15,
 * EC2.9, RDS.2; cdk-nag NIST.800.53.R5-EC2InstanceNoPublicIp, NIST.800.53.R5-RDSInstancePublicAccess.
 */
import type { GuardrailRule, RuleResult } from '../rule';
import { compliant, fromProblems, nonCompliant, notApplicable } from '../rule';
import { block, blocks, isTrue, show } from '../lib/values';

/** Non-compliant when `attribute` is true. */
function flagTrue(label: string, value: unknown, fix: string): RuleResult {
  return isTrue(value) ? nonCompliant(`${label} is ${show(value)}, which gives it a public IP address; ${fix}`) : compliant();
}

export const noPublicIp: GuardrailRule = {
  id: 'FIN-NET1',
  title: 'No public IP addresses',
  severity: 'high',
  description:
    'No ECS service assigns public IPs, no subnet maps them on launch, no instance or launch template associates one, no database is publicly accessible, no load balancer is internet-facing, no Elastic IP is allocated.',
  mirrors: [
    'checkov CKV_AWS_333',
    'checkov CKV_AWS_130',
    'checkov CKV_AWS_88',
    'checkov CKV_AWS_17',
    'Security Hub ECS.2',
    'Security Hub EC2.15',
    'Security Hub EC2.9',
    'Security Hub RDS.2',
    'cdk-nag NIST.800.53.R5-EC2InstanceNoPublicIp',
    'cdk-nag NIST.800.53.R5-RDSInstancePublicAccess',
  ],
  resourceTypes: [
    'aws_ecs_service',
    'aws_subnet',
    'aws_instance',
    'aws_launch_template',
    'aws_db_instance',
    'aws_rds_cluster_instance',
    'aws_lb',
    'aws_alb',
    'aws_eip',
  ],
  check(resource) {
    const c = resource.config;
    switch (resource.type) {
      case 'aws_ecs_service': {
        const network = block(c.network_configuration);
        if (!network) return notApplicable('no network_configuration');
        return flagTrue(
          'network_configuration.assign_public_ip',
          network.assign_public_ip,
          'set it to false and reach AWS through VPC endpoints',
        );
      }
      case 'aws_subnet':
        return flagTrue('map_public_ip_on_launch', c.map_public_ip_on_launch, 'set it to false (private subnets only)');
      case 'aws_instance':
        return flagTrue('associate_public_ip_address', c.associate_public_ip_address, 'set it to false');
      case 'aws_launch_template':
        return fromProblems(
          blocks(c.network_interfaces)
            .filter((ni) => isTrue(ni.associate_public_ip_address))
            .map(
              (ni, i) => `network_interfaces[${i}].associate_public_ip_address is ${show(ni.associate_public_ip_address)}; set it to false`,
            ),
        );
      case 'aws_db_instance':
      case 'aws_rds_cluster_instance':
        return flagTrue('publicly_accessible', c.publicly_accessible, 'set it to false');
      case 'aws_lb':
      case 'aws_alb':
        return isTrue(c.internal)
          ? compliant()
          : nonCompliant(
              `internal is ${show(c.internal)}: the load balancer is internet-facing with public IPs; set internal = true and reach it through a CloudFront VPC origin`,
            );
      case 'aws_eip':
        return nonCompliant(
          'an Elastic IP is a public IP address; remove it (the delivery layer has no public endpoints besides CloudFront)',
        );
      default:
        return notApplicable();
    }
  },
};
