/**
 * Other systems in the same account as the rehearsal's estate, named like it (a service of the
 * same name in another cluster, a staging ALB, an endpoint in another VPC, another distribution):
 * adoption must find no match in them and leave them alone.
 */
import { CreateDistributionCommand } from '@aws-sdk/client-cloudfront';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, CreateVpcEndpointCommand } from '@aws-sdk/client-ec2';
import { CreateClusterCommand, CreateServiceCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreateLoadBalancerCommand, CreateTargetGroupCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClients } from '../adopt/aws';
import { distributionConfig } from './seed-commands';

/** What the decoys are, for the checks that adoption left them alone. */
export interface Decoys {
  readonly vpcId: string;
  readonly distributionId: string;
  readonly loadBalancerArn: string;
}

/** Other systems in the same account, named like this one: adoption must not pick them. */
export async function buildDecoys(c: AwsClients): Promise<Decoys> {
  const vpcId = (await c.ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!.VpcId!;
  const subnets = [
    (await c.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.1.1.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet!
      .SubnetId!,
    (await c.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.1.2.0/24', AvailabilityZone: 'us-east-1b' }))).Subnet!
      .SubnetId!,
  ];
  const sg = (await c.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'payments-sg', Description: 'payments', VpcId: vpcId })))
    .GroupId!;
  await c.ecs.send(new CreateClusterCommand({ clusterName: 'payments-cluster' }));
  const td = (
    await c.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'payments-api',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'payments', image: 'payments:1', essential: true }],
      }),
    )
  ).taskDefinition!.taskDefinitionArn!;
  // The same service name in another cluster.
  await c.ecs.send(
    new CreateServiceCommand({
      cluster: 'payments-cluster',
      serviceName: 'fintech-api-service',
      taskDefinition: td,
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnets[0]!], securityGroups: [sg] } },
    }),
  );
  await c.logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/fintech-api-worker' }));
  const lb = (
    await c.elbv2.send(
      new CreateLoadBalancerCommand({
        Name: 'fintech-alb-staging',
        Scheme: 'internal',
        Type: 'application',
        Subnets: subnets,
        SecurityGroups: [sg],
      }),
    )
  ).LoadBalancers![0]!;
  await c.elbv2.send(
    new CreateTargetGroupCommand({ Name: 'fintech-api-tg-staging', Protocol: 'HTTP', Port: 8080, VpcId: vpcId, TargetType: 'ip' }),
  );
  await c.ec2.send(
    new CreateVpcEndpointCommand({
      VpcId: vpcId,
      VpcEndpointType: 'Interface',
      ServiceName: 'com.amazonaws.us-east-1.ecr.api',
      SubnetIds: [subnets[0]!],
      SecurityGroupIds: [sg],
      PrivateDnsEnabled: true,
    }),
  );
  const distribution = (
    await c.cloudfront.send(
      new CreateDistributionCommand({ DistributionConfig: distributionConfig('payments-1', lb.DNSName!, 'payments') }),
    )
  ).Distribution!;
  return { vpcId, distributionId: distribution.Id!, loadBalancerArn: lb.LoadBalancerArn! };
}
