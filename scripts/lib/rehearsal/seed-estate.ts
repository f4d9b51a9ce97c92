/**
 * The running production system as the architecture document describes it, built on an emulator
 * for the cut-over rehearsal. Where the document gives the command that built a resource, that
 * command runs as written with the real `aws` CLI (`documentCommand`); everything else it describes
 * is created with the SDK. A few resources of other systems in the same account are added, which
 * adoption must find no match in and leave alone.
 */
import { spawn } from 'node:child_process';
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
import { CreateClusterCommand, CreateServiceCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { AwsClients } from '../adopt/aws';

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
  readonly decoys: { readonly vpcId: string; readonly distributionId: string; readonly loadBalancerArn: string };
}

/** How many CloudFront ranges the document's loop added before the 60-rule quota stopped it. */
export const SEED_CLOUDFRONT_RULES = 58;

/** Runs one of the architecture document's commands with the real aws CLI against `endpoint`. */
export function documentCommand(endpoint: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('aws', ['--endpoint-url', endpoint, '--output', 'json', ...args], {
      env: { ...process.env, AWS_PAGER: '', AWS_DEFAULT_REGION: 'us-east-1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`aws ${args.join(' ')} exited ${code}: ${err.trim()}`))));
  });
}

/** Runs `jobs` with at most `limit` at a time. */
async function inParallel(jobs: readonly (() => Promise<unknown>)[], limit: number): Promise<void> {
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await job();
    }),
  );
}

/** 58 distinct /24 ranges standing in for CloudFront's published ones (data only, no traffic). */
export function cloudFrontRanges(): string[] {
  return Array.from({ length: SEED_CLOUDFRONT_RULES }, (_, i) => `13.${32 + Math.floor(i / 16)}.${(i % 16) * 16}.0/24`);
}

/** The distribution the document describes: the ALB as an HTTP-only custom origin, nothing cached. */
function distributionConfig(reference: string, originDomain: string, comment: string) {
  const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'OPTIONS', 'DELETE'];
  return {
    CallerReference: reference,
    Comment: comment,
    Enabled: true,
    IsIPV6Enabled: true,
    PriceClass: 'PriceClass_All' as const,
    HttpVersion: 'http2' as const,
    Origins: {
      Quantity: 1,
      Items: [
        {
          Id: 'fintech-alb',
          DomainName: originDomain,
          CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'http-only' as const },
        },
      ],
    },
    DefaultCacheBehavior: {
      TargetOriginId: 'fintech-alb',
      ViewerProtocolPolicy: 'redirect-to-https' as const,
      AllowedMethods: {
        Quantity: 7,
        Items: methods as ('GET' | 'HEAD')[],
        CachedMethods: { Quantity: 2, Items: ['GET', 'HEAD'] as ('GET' | 'HEAD')[] },
      },
      ForwardedValues: { QueryString: true, Cookies: { Forward: 'none' as const } },
      MinTTL: 0,
      DefaultTTL: 0,
      MaxTTL: 0,
    },
    ViewerCertificate: { CloudFrontDefaultCertificate: true },
  };
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
  await inParallel(
    cloudFrontRanges().map(
      (ip) => () =>
        documentCommand(endpoint, [
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
    ),
    6,
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

/** Other systems in the same account, named like this one: adoption must not pick them. */
async function buildDecoys(c: AwsClients): Promise<SeedEstate['decoys']> {
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
