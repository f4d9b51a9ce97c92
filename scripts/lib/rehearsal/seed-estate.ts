/**
 * The running production system as the architecture document describes it, built on an emulator
 * for the cut-over rehearsal. Where the document gives the command that built a resource, that
 * command runs as written with the real `aws` CLI (`documentCommand`); everything else it describes
 * is created with the SDK. A few resources of other systems in the same account are added, which
 * adoption must find no match in and leave alone.
 */
import { CreateDistributionCommand } from '@aws-sdk/client-cloudfront';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import { PutImageCommand } from '@aws-sdk/client-ecr';
import { CreateServiceCommand } from '@aws-sdk/client-ecs';
import { CreateListenerCommand, CreateLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { AwsClients } from '../adopt/aws';
import { buildDecoys, type Decoys } from './seed-decoys';
import { cloudFrontRanges, distributionConfig, documentCommand, documentCommands } from './seed-commands';

export { cloudFrontRanges, documentCommand, SEED_CLOUDFRONT_RULES } from './seed-commands';

/** What the estate holds, by the names the environment file needs. */
export interface SeedEstate {
  readonly vpcId: string;
  readonly taskSubnetIds: readonly string[];
  readonly loadBalancerSubnetIds: readonly string[];
  readonly loadBalancerSecurityGroupId: string;
  readonly taskSecurityGroupId: string;
  readonly kmsKeyId: string;
  readonly databaseSecretArn: string;
  readonly apiKeySecretArn: string;
  readonly clusterArn: string;
  readonly serviceArn: string;
  readonly loadBalancerArn: string;
  readonly loadBalancerDnsName: string;
  readonly targetGroupArn: string;
  readonly listenerArn: string;
  readonly endpointIds: Readonly<Record<'ecr.api' | 'ecr.dkr', string>>;
  readonly distributionId: string;
  readonly distributionDomainName: string;
  /** The tag pushed for the first release (`latest` points at the same image). */
  readonly imageTag: string;
  /** Resources of other systems in the account. */
  readonly decoys: Decoys;
}

/** Builds the estate; the emulator must answer as the production account. */
export async function buildSeedEstate(c: AwsClients, endpoint: string): Promise<SeedEstate> {
  const ec2 = c.ec2;
  // --- Network (described: private subnets A and B for the tasks, two for the ALB) ----------
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: true } }));
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
  const subnet = async (cidr: string, az: string) =>
    (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: az }))).Subnet!.SubnetId!;
  const taskSubnetIds = [await subnet('10.0.10.0/24', 'us-east-1a'), await subnet('10.0.11.0/24', 'us-east-1b')];
  const loadBalancerSubnetIds = [await subnet('10.0.1.0/24', 'us-east-1a'), await subnet('10.0.2.0/24', 'us-east-1b')];
  const routeTable = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
  for (const s of taskSubnetIds) await ec2.send(new AssociateRouteTableCommand({ RouteTableId: routeTable, SubnetId: s }));

  // --- Security groups: the document's loop adds CloudFront ranges on port 80 ---------------
  const group = async (name: string, description: string) =>
    (await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: description, VpcId: vpcId }))).GroupId!;
  const albSg = await group('fintech-alb-sg', 'fintech ALB: CloudFront ranges');
  const taskSg = await group('fintech-task-sg', 'fintech ECS tasks');
  const endpointSg = await group('fintech-endpoints-sg', 'fintech interface endpoints');
  await documentCommands(
    endpoint,
    cloudFrontRanges().map((ip) => [
      'ec2',
      'authorize-security-group-ingress',
      '--group-id',
      albSg,
      '--protocol',
      'tcp',
      '--port',
      '80',
      '--cidr',
      ip,
    ]),
  );
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: taskSg,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: albSg }] }],
    }),
  );
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: endpointSg,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: taskSg }] }],
    }),
  );

  // --- IAM, KMS, secrets, logs (described) --------------------------------------------------
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
  const executionRoleArn = (await c.iam.send(new CreateRoleCommand({ RoleName: 'ecsTaskExecutionRole', AssumeRolePolicyDocument: trust })))
    .Role!.Arn!;
  const taskRoleArn = (await c.iam.send(new CreateRoleCommand({ RoleName: 'ecsTaskRole', AssumeRolePolicyDocument: trust }))).Role!.Arn!;
  // The account's default key policy: it does not admit CloudWatch Logs (the preflight says so).
  const kmsKeyId = (await c.kms.send(new CreateKeyCommand({ Description: 'fintech CMK' }))).KeyMetadata!.KeyId!;
  const secret = async (name: string, value: string) =>
    (await c.secrets.send(new CreateSecretCommand({ Name: name, KmsKeyId: kmsKeyId, SecretString: value }))).ARN!;
  const databaseSecretArn = await secret('fintech/db-credentials', JSON.stringify({ username: 'fintech_app', password: 'rehearsal-only' }));
  const apiKeySecretArn = await secret('fintech/api-keys', 'rehearsal-api-key');
  await c.logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/fintech-api' }));

  // --- The document's commands: ECR, ECS, target group ---------------------------------------
  await documentCommand(endpoint, ['ecr', 'create-repository', '--repository-name', 'fintech-api', '--region', 'us-east-1']);
  // No docker: "push" an image by putting its manifest under a versioned tag and latest.
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 1469, digest: `sha256:${'2d1f'.repeat(16)}` },
    layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: 2811478, digest: `sha256:${'5a1f'.repeat(16)}` }],
  });
  for (const tag of ['v1.0.0', 'latest']) {
    await c.ecr.send(
      new PutImageCommand({
        repositoryName: 'fintech-api',
        imageTag: tag,
        imageManifest: manifest,
        imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      }),
    );
  }
  const clusterArn = (
    JSON.parse(await documentCommand(endpoint, ['ecs', 'create-cluster', '--cluster-name', 'fintech-cluster'])) as {
      cluster: { clusterArn: string };
    }
  ).cluster.clusterArn;
  const image = '296674251987.dkr.ecr.us-east-1.amazonaws.com/fintech-api:latest';
  const containers = [
    {
      name: 'fintech-api',
      image,
      essential: true,
      portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
      environment: [
        { name: 'ENVIRONMENT', value: 'production' },
        { name: 'REGION', value: 'us-east-1' },
        { name: 'REDIS_HOST', value: 'master.fintech-redis-cluster.qnqmuf.use1.cache.amazonaws.com' },
        { name: 'REDIS_PORT', value: '6379' },
      ],
      secrets: [
        { name: 'DB_PASSWORD', valueFrom: `${databaseSecretArn}:password::` },
        { name: 'API_KEY', valueFrom: apiKeySecretArn },
      ],
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': '/ecs/fintech-api', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'ecs' },
      },
    },
  ];
  // The document's command does not run as written (--container-definitions is required): it is
  // completed with the container and the roles the document lists.
  const taskDefinitionArn = (
    JSON.parse(
      await documentCommand(endpoint, [
        'ecs',
        'register-task-definition',
        '--family',
        'fintech-api',
        '--network-mode',
        'awsvpc',
        '--requires-compatibilities',
        'FARGATE',
        '--cpu',
        '512',
        '--memory',
        '1024',
        '--execution-role-arn',
        executionRoleArn,
        '--task-role-arn',
        taskRoleArn,
        '--container-definitions',
        JSON.stringify(containers),
      ]),
    ) as { taskDefinition: { taskDefinitionArn: string } }
  ).taskDefinition.taskDefinitionArn;
  const targetGroupArn = (
    JSON.parse(
      await documentCommand(endpoint, [
        'elbv2',
        'create-target-group',
        '--name',
        'fintech-api-tg',
        '--protocol',
        'HTTP',
        '--port',
        '8080',
        '--vpc-id',
        vpcId,
        '--target-type',
        'ip',
        '--health-check-path',
        '/health',
        '--health-check-interval-seconds',
        '30',
        '--healthy-threshold-count',
        '2',
      ]),
    ) as { TargetGroups: { TargetGroupArn: string }[] }
  ).TargetGroups[0]!.TargetGroupArn;

  // --- ALB, listener, service, endpoints, distribution, table (described) ------------------
  const lb = (
    await c.elbv2.send(
      new CreateLoadBalancerCommand({
        Name: 'fintech-alb',
        Scheme: 'internal',
        Type: 'application',
        IpAddressType: 'ipv4',
        Subnets: loadBalancerSubnetIds,
        SecurityGroups: [albSg],
      }),
    )
  ).LoadBalancers![0]!;
  const listenerArn = (
    await c.elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancerArn!,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
      }),
    )
  ).Listeners![0]!.ListenerArn!;
  const serviceArn = (
    await c.ecs.send(
      new CreateServiceCommand({
        cluster: 'fintech-cluster',
        serviceName: 'fintech-api-service',
        taskDefinition: taskDefinitionArn,
        desiredCount: 3,
        launchType: 'FARGATE',
        platformVersion: 'LATEST',
        networkConfiguration: { awsvpcConfiguration: { subnets: taskSubnetIds, securityGroups: [taskSg], assignPublicIp: 'DISABLED' } },
        loadBalancers: [{ targetGroupArn, containerName: 'fintech-api', containerPort: 8080 }],
      }),
    )
  ).service!.serviceArn!;
  const endpointIds = {} as Record<'ecr.api' | 'ecr.dkr', string>;
  for (const service of ['ecr.api', 'ecr.dkr'] as const) {
    endpointIds[service] = (
      await ec2.send(
        new CreateVpcEndpointCommand({
          VpcId: vpcId,
          VpcEndpointType: 'Interface',
          ServiceName: `com.amazonaws.us-east-1.${service}`,
          SubnetIds: taskSubnetIds,
          SecurityGroupIds: [endpointSg],
          PrivateDnsEnabled: true,
        }),
      )
    ).VpcEndpoint!.VpcEndpointId!;
  }
  const distribution = (
    await c.cloudfront.send(
      new CreateDistributionCommand({ DistributionConfig: distributionConfig('fintech-api-1', lb.DNSName!, 'fintech-api') }),
    )
  ).Distribution!;
  await c.dynamodb.send(
    new CreateTableCommand({
      TableName: 'fintech-sessions',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'session_id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'session_id', KeyType: 'HASH' }],
    }),
  );

  return {
    vpcId,
    taskSubnetIds,
    loadBalancerSubnetIds,
    loadBalancerSecurityGroupId: albSg,
    taskSecurityGroupId: taskSg,
    kmsKeyId,
    databaseSecretArn,
    apiKeySecretArn,
    clusterArn,
    serviceArn,
    loadBalancerArn: lb.LoadBalancerArn!,
    loadBalancerDnsName: lb.DNSName!,
    targetGroupArn,
    listenerArn,
    endpointIds,
    distributionId: distribution.Id!,
    distributionDomainName: distribution.DomainName!,
    imageTag: 'v1.0.0',
    decoys: await buildDecoys(c),
  };
}
