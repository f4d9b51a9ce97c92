/**
 * The identity of what the running system consists of, read with the SDK: compared before and
 * after the cut-over, it shows that every adopted resource is the same one (same ARN or ID), that
 * the service was not created again (its deployments, which a create replaces, are the same), and
 * that nothing was duplicated (one endpoint per service, no extra distribution).
 */
import { paginateListDistributions } from '@aws-sdk/client-cloudfront';
import { DescribeSecurityGroupsCommand, DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClients } from '../adopt/aws';

export interface Fingerprint {
  readonly serviceArn: string;
  /** IDs of the service's deployments; a create (rather than an update) gives new ones. */
  readonly deploymentIds: readonly string[];
  readonly serviceSecurityGroups: readonly string[];
  readonly loadBalancerArn: string;
  readonly loadBalancerSecurityGroups: readonly string[];
  readonly listenerArns: readonly string[];
  readonly targetGroupArn: string;
  readonly repositoryArn: string;
  readonly repositoryCreatedAt: string;
  readonly distributionIds: readonly string[];
  readonly distributionDomain: string;
  /** Endpoint IDs per service name in the VPC (available ones). */
  readonly endpoints: Readonly<Record<string, readonly string[]>>;
  /** Per security group on the ALB: its ingress sources. */
  readonly loadBalancerIngress: Readonly<Record<string, { readonly cidrs: number; readonly prefixLists: readonly string[] }>>;
}

/** Reads the fingerprint of the production system in `vpcId`, the distribution by `distributionId`. */
export async function fingerprint(c: AwsClients, vpcId: string, distributionId: string): Promise<Fingerprint> {
  const svc = (await c.ecs.send(new DescribeServicesCommand({ cluster: 'fintech-cluster', services: ['fintech-api-service'] })))
    .services![0]!;
  const lb = (await c.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['fintech-alb'] }))).LoadBalancers![0]!;
  const listeners = (await c.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn! }))).Listeners ?? [];
  const tg = (await c.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['fintech-api-tg'] }))).TargetGroups![0]!;
  const repo = (await c.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['fintech-api'] }))).repositories![0]!;
  const distributionIds: string[] = [];
  let distributionDomain = '';
  for await (const page of paginateListDistributions({ client: c.cloudfront }, {})) {
    for (const d of page.DistributionList?.Items ?? []) {
      distributionIds.push(d.Id!);
      if (d.Id === distributionId) distributionDomain = d.DomainName ?? '';
    }
  }
  const vpce = await c.ec2.send(
    new DescribeVpcEndpointsCommand({
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'vpc-endpoint-state', Values: ['available', 'pending'] },
      ],
    }),
  );
  const endpoints: Record<string, string[]> = {};
  for (const e of vpce.VpcEndpoints ?? []) (endpoints[e.ServiceName!.split('.').slice(3).join('.')] ??= []).push(e.VpcEndpointId!);
  const groups = (await c.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: lb.SecurityGroups ?? [] }))).SecurityGroups ?? [];
  const loadBalancerIngress = Object.fromEntries(
    groups.map((g) => [
      g.GroupId!,
      {
        cidrs: (g.IpPermissions ?? []).reduce((n, p) => n + (p.IpRanges?.length ?? 0), 0),
        prefixLists: (g.IpPermissions ?? []).flatMap((p) => (p.PrefixListIds ?? []).map((l) => l.PrefixListId!)),
      },
    ]),
  );
  return {
    serviceArn: svc.serviceArn!,
    deploymentIds: (svc.deployments ?? []).map((d) => d.id!).sort(),
    serviceSecurityGroups: [...(svc.networkConfiguration?.awsvpcConfiguration?.securityGroups ?? [])].sort(),
    loadBalancerArn: lb.LoadBalancerArn!,
    loadBalancerSecurityGroups: [...(lb.SecurityGroups ?? [])].sort(),
    listenerArns: listeners.map((l) => l.ListenerArn!).sort(),
    targetGroupArn: tg.TargetGroupArn!,
    repositoryArn: repo.repositoryArn!,
    repositoryCreatedAt: repo.createdAt?.toISOString() ?? '',
    distributionIds: distributionIds.sort(),
    distributionDomain,
    endpoints,
    loadBalancerIngress,
  };
}
