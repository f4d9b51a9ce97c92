/**
 * Every value of the seed architecture, asserted on the synthesized production stack: if a value
 * in config/production.json or in a construct changes, one of these tests fails.
 */
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginRequestPolicy } from '@cdktf/provider-aws/lib/cloudfront-origin-request-policy';
import { CloudfrontVpcOrigin } from '@cdktf/provider-aws/lib/cloudfront-vpc-origin';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsEc2ManagedPrefixList } from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsRouteTables } from '@cdktf/provider-aws/lib/data-aws-route-tables';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import type { PolicyStatement } from '../../helpers/constructs';
import { environment, onlyResource, parseJsonAttribute, resourcesOf, synthDelivery, type SynthJson } from '../../helpers/synth';

interface ContainerDefinition {
  name: string;
  image: string;
  portMappings: { containerPort: number; protocol: string }[];
  environment: { name: string; value: string }[];
  secrets: { name: string; valueFrom: string }[];
  logConfiguration: { logDriver: string; options: Record<string, string> };
}

const SEED = {
  account: '296674251987',
  region: 'us-east-1',
  vpcId: 'vpc-05ae083309505dd2d',
  taskSubnets: ['subnet-01808abced051ff76', 'subnet-08f5e862854552155'],
  albSubnets: ['subnet-01a0ea892bddbe272', 'subnet-01e465ff29dc73d6e'],
  kmsKeyArn: 'arn:aws:kms:us-east-1:296674251987:key/d9c8447f-91df-4df9-a012-6a5b6eab3cd0',
  dbPasswordValueFrom: 'arn:aws:secretsmanager:us-east-1:296674251987:secret:fintech/db-credentials:password::',
  apiKeySecretArn: 'arn:aws:secretsmanager:us-east-1:296674251987:secret:fintech/api-keys',
  redisHost: 'master.fintech-redis-cluster.qnqmuf.use1.cache.amazonaws.com',
  sessionsTableArn: 'arn:aws:dynamodb:us-east-1:296674251987:table/fintech-sessions',
} as const;

let synth: string;
let json: SynthJson;
let container: ContainerDefinition;

function policyStatements(name: string): readonly PolicyStatement[] {
  const doc = Object.entries(json.data?.aws_iam_policy_document ?? {}).find(([key]) => key.includes(name));
  if (!doc) throw new Error(`no policy document named like ${name}`);
  return doc[1].statement as readonly PolicyStatement[];
}

/** Ports the task group opens to the VPC's CIDR, sorted. */
function taskEgressToVpcPorts(synthesized: string): number[] {
  return Object.values(resourcesOf(synthesized, 'aws_vpc_security_group_egress_rule'))
    .filter((r) => String(r.security_group_id).includes('_tasks_') && String(r.cidr_ipv4).includes('data.aws_vpc.'))
    .map((r) => Number(r.from_port))
    .sort((a, b) => a - b);
}

beforeAll(() => {
  synth = synthDelivery('production');
  json = JSON.parse(synth) as SynthJson;
  container = parseJsonAttribute<ContainerDefinition[]>(onlyResource(synth, 'aws_ecs_task_definition').container_definitions)[0]!;
});

describe('production: account, region and state', () => {
  test('the provider is pinned to the seed account and us-east-1', () => {
    expect(synth).toHaveProviderWithProperties(AwsProvider, { region: SEED.region, allowed_account_ids: [SEED.account] });
  });

  test('state is in S3, encrypted, locked with a lock file, under a key of its own', () => {
    expect(json.terraform?.backend).toEqual({
      s3: {
        bucket: 'fintech-terraform-state-296674251987',
        key: 'delivery/production/terraform.tfstate',
        region: 'us-east-1',
        encrypt: true,
        use_lockfile: true,
      },
    });
  });
});

describe('production: existing network is referenced, not created', () => {
  test('no VPC, subnet or NAT gateway is created', () => {
    expect(synth).not.toHaveResource(Vpc);
    expect(synth).not.toHaveResource(Subnet);
    expect(synth).not.toHaveResource(NatGateway);
  });

  test('the seed VPC is looked up by ID for its CIDR', () => {
    expect(synth).toHaveDataSourceWithProperties(DataAwsVpc, { id: SEED.vpcId });
  });

  test('the gateway endpoints find the route tables of the seed task subnets', () => {
    expect(synth).toHaveDataSourceWithProperties(DataAwsRouteTables, {
      vpc_id: SEED.vpcId,
      filter: [{ name: 'association.subnet-id', values: [...SEED.taskSubnets] }],
    });
  });
});

describe('production: ECS Fargate service', () => {
  test('cluster is fintech-cluster', () => {
    expect(synth).toHaveResourceWithProperties(EcsCluster, { name: 'fintech-cluster' });
  });

  test('service fintech-api-service runs 3 tasks on Fargate LATEST', () => {
    expect(synth).toHaveResourceWithProperties(EcsService, {
      name: 'fintech-api-service',
      desired_count: 3,
      launch_type: 'FARGATE',
      platform_version: 'LATEST',
    });
  });

  test('tasks run in private subnets A and B without public IPs', () => {
    expect(synth).toHaveResourceWithProperties(EcsService, {
      network_configuration: expect.objectContaining({ subnets: [...SEED.taskSubnets], assign_public_ip: false }),
    });
  });

  test('the service registers container port 8080 in the target group', () => {
    expect(synth).toHaveResourceWithProperties(EcsService, {
      load_balancer: [expect.objectContaining({ container_name: 'fintech-api', container_port: 8080 })],
    });
  });

  test('task family fintech-api: awsvpc, FARGATE, 512 CPU, 1024 MiB', () => {
    expect(synth).toHaveResourceWithProperties(EcsTaskDefinition, {
      family: 'fintech-api',
      network_mode: 'awsvpc',
      requires_compatibilities: ['FARGATE'],
      cpu: '512',
      memory: '1024',
    });
  });

  test('the container listens on 8080/tcp', () => {
    expect(container.portMappings).toEqual([expect.objectContaining({ containerPort: 8080, protocol: 'tcp' })]);
  });

  test('the image is fintech-api from the ECR repository, tag from the image_tag variable', () => {
    expect(container.image).toMatch(/^\$\{aws_ecr_repository\.[\w-]+\.repository_url\}:\$\{var\.image_tag\}$/);
  });

  test('image_tag has no default in production: every plan names the release (immutable tags, no "latest")', () => {
    expect(json.variable?.image_tag).toBeDefined();
    expect(json.variable?.image_tag?.default).toBeUndefined();
  });

  test('the four seed environment variables are set, and nothing else', () => {
    expect(container.environment).toEqual([
      { name: 'ENVIRONMENT', value: 'production' },
      { name: 'REDIS_HOST', value: SEED.redisHost },
      { name: 'REDIS_PORT', value: '6379' },
      { name: 'REGION', value: 'us-east-1' },
    ]);
  });

  test('DB_PASSWORD and API_KEY are injected from the seed secrets (password JSON key)', () => {
    expect(container.secrets).toEqual([
      { name: 'DB_PASSWORD', valueFrom: SEED.dbPasswordValueFrom },
      { name: 'API_KEY', valueFrom: SEED.apiKeySecretArn },
    ]);
  });

  test('logs go to /ecs/fintech-api through awslogs in us-east-1', () => {
    expect(container.logConfiguration).toEqual({
      logDriver: 'awslogs',
      options: expect.objectContaining({
        'awslogs-group': expect.stringContaining('aws_cloudwatch_log_group'),
        'awslogs-region': 'us-east-1',
      }),
    });
    expect(synth).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/ecs/fintech-api', retention_in_days: 90 });
  });
});

describe('production: load balancer', () => {
  test('fintech-alb is an internal application load balancer on IPv4', () => {
    expect(synth).toHaveResourceWithProperties(Lb, {
      name: 'fintech-alb',
      internal: true,
      load_balancer_type: 'application',
      ip_address_type: 'ipv4',
    });
  });

  test('the ALB uses the two seed subnets listed for it', () => {
    expect(synth).toHaveResourceWithProperties(Lb, { subnets: [...SEED.albSubnets] });
  });

  test('cross-zone load balancing is enabled', () => {
    expect(synth).toHaveResourceWithProperties(Lb, { enable_cross_zone_load_balancing: true });
    expect(synth).toHaveResourceWithProperties(LbTargetGroup, { load_balancing_cross_zone_enabled: 'true' });
  });

  test('target group fintech-api-tg: HTTP 8080, target type ip, in the seed VPC', () => {
    expect(synth).toHaveResourceWithProperties(LbTargetGroup, {
      name: 'fintech-api-tg',
      protocol: 'HTTP',
      port: 8080,
      target_type: 'ip',
      vpc_id: SEED.vpcId,
    });
  });

  test('health check: /health every 30 s, 5 s timeout, healthy 2, unhealthy 2', () => {
    expect(synth).toHaveResourceWithProperties(LbTargetGroup, {
      health_check: expect.objectContaining({
        path: '/health',
        interval: 30,
        timeout: 5,
        healthy_threshold: 2,
        unhealthy_threshold: 2,
      }),
    });
  });

  test('the HTTP:80 listener answers 403 unless the request carries the origin header', () => {
    expect(synth).toHaveResourceWithProperties(LbListener, {
      port: 80,
      protocol: 'HTTP',
      default_action: [
        expect.objectContaining({ type: 'fixed-response', fixed_response: expect.objectContaining({ status_code: '403' }) }),
      ],
    });
  });

  test('the listener forwards to fintech-api-tg only requests with the X-Origin-Verify header', () => {
    expect(synth).toHaveResourceWithProperties(LbListenerRule, {
      listener_arn: expect.stringContaining('aws_lb_listener'),
      condition: [expect.objectContaining({ http_header: expect.objectContaining({ http_header_name: 'X-Origin-Verify' }) })],
      action: [expect.objectContaining({ type: 'forward', target_group_arn: expect.stringContaining('aws_lb_target_group') })],
    });
  });
});

describe('production: only CloudFront reaches the ALB, only the ALB reaches the tasks', () => {
  test('port 80, the only listener without a certificate, is admitted from the CloudFront origin-facing prefix list only', () => {
    expect(synth).toHaveDataSourceWithProperties(DataAwsEc2ManagedPrefixList, { name: 'com.amazonaws.global.cloudfront.origin-facing' });
    const fromCloudFront = Object.values(resourcesOf(synth, 'aws_vpc_security_group_ingress_rule')).filter((r) =>
      String(r.prefix_list_id).includes('data.aws_ec2_managed_prefix_list'),
    );
    expect(fromCloudFront.map((r) => [r.ip_protocol, r.from_port, r.to_port])).toEqual([['tcp', 80, 80]]);
  });

  test('the tasks admit 8080 only from the ALB groups', () => {
    const taskIngress = Object.values(resourcesOf(synth, 'aws_vpc_security_group_ingress_rule')).filter((r) =>
      String(r.security_group_id).includes('_tasks_'),
    );
    expect(taskIngress.length).toBeGreaterThan(0);
    for (const rule of taskIngress) {
      expect(rule).toEqual(
        expect.objectContaining({ from_port: 8080, to_port: 8080, referenced_security_group_id: expect.stringMatching(/_alb-\d+_/) }),
      );
    }
  });
});

describe('production: VPC endpoints instead of a NAT gateway', () => {
  test.each(['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'kms'])(
    'interface endpoint %s with private DNS in the task subnets',
    (service) => {
      expect(synth).toHaveResourceWithProperties(VpcEndpoint, {
        service_name: `com.amazonaws.us-east-1.${service}`,
        vpc_endpoint_type: 'Interface',
        private_dns_enabled: true,
        subnet_ids: [...SEED.taskSubnets],
        vpc_id: SEED.vpcId,
      });
    },
  );

  test.each(['s3', 'dynamodb'])('gateway endpoint %s on the task route tables', (service) => {
    expect(synth).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: `com.amazonaws.us-east-1.${service}`,
      vpc_endpoint_type: 'Gateway',
    });
  });
});

describe('production: ECR', () => {
  test('repository fintech-api scans on push and uses AES-256', () => {
    expect(synth).toHaveResourceWithProperties(EcrRepository, {
      name: 'fintech-api',
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [expect.objectContaining({ encryption_type: 'AES256' })],
    });
  });
});

describe('production: IAM, least privilege on the seed ARNs', () => {
  test('the execution role reads exactly the two injected secrets', () => {
    const read = policyStatements('execution-policy').find((s) => s.sid === 'ReadInjectedSecrets');
    expect(read?.resources).toEqual([
      'arn:aws:secretsmanager:us-east-1:296674251987:secret:fintech/db-credentials',
      'arn:aws:secretsmanager:us-east-1:296674251987:secret:fintech/db-credentials-??????',
      'arn:aws:secretsmanager:us-east-1:296674251987:secret:fintech/api-keys',
      'arn:aws:secretsmanager:us-east-1:296674251987:secret:fintech/api-keys-??????',
    ]);
  });

  test('the execution role pulls with the four ECR actions the seed lists', () => {
    const statements = policyStatements('execution-policy');
    const actions = statements.filter((s) => s.sid?.startsWith('Ecr')).flatMap((s) => s.actions ?? []);
    expect(actions.sort()).toEqual(
      ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetAuthorizationToken', 'ecr:GetDownloadUrlForLayer'].sort(),
    );
  });

  test('the task role reads fintech/* secrets', () => {
    const read = policyStatements('task-policy').find((s) => s.sid === 'ReadApplicationSecrets');
    expect(read?.resources).toEqual(['arn:aws:secretsmanager:us-east-1:296674251987:secret:fintech/*']);
    expect(read?.actions).toEqual(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']);
  });

  test('the task role has CRUD on fintech-sessions and its indexes', () => {
    const crud = policyStatements('task-policy').find((s) => s.sid === 'SessionsTableCrud');
    expect(crud?.resources).toEqual([SEED.sessionsTableArn, `${SEED.sessionsTableArn}/index/*`]);
    expect(crud?.actions).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
    );
  });

  test('the task role decrypts with the seed CMK d9c8447f-… through Secrets Manager and DynamoDB', () => {
    const decrypt = policyStatements('task-policy').find((s) => s.sid === 'DecryptWithServiceKey');
    expect(decrypt).toEqual(
      expect.objectContaining({
        resources: [SEED.kmsKeyArn],
        actions: expect.arrayContaining(['kms:Decrypt']),
        condition: [
          {
            test: 'StringEquals',
            variable: 'kms:ViaService',
            values: ['secretsmanager.us-east-1.amazonaws.com', 'dynamodb.us-east-1.amazonaws.com'],
          },
        ],
      }),
    );
  });

  test('the trust policy admits ecs-tasks.amazonaws.com from the seed account only', () => {
    expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        expect.objectContaining({
          principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }],
          condition: expect.arrayContaining([expect.objectContaining({ variable: 'aws:SourceAccount', values: [SEED.account] })]),
        }),
      ],
    });
  });
});

describe('production: CloudFront', () => {
  test('the internal ALB is the origin through a VPC origin, HTTP only', () => {
    expect(synth).toHaveResourceWithProperties(CloudfrontVpcOrigin, {
      vpc_origin_endpoint_config: [expect.objectContaining({ origin_protocol_policy: 'http-only', http_port: 80 })],
    });
  });

  test('viewers are redirected to HTTPS; all 7 methods allowed; GET and HEAD cached', () => {
    expect(synth).toHaveResourceWithProperties(CloudfrontDistribution, {
      default_cache_behavior: expect.objectContaining({
        viewer_protocol_policy: 'redirect-to-https',
        allowed_methods: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
        cached_methods: ['GET', 'HEAD'],
        cache_policy_id: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      }),
    });
  });

  test('all edge locations, IPv6 on, HTTP/2 (and HTTP/3)', () => {
    expect(synth).toHaveResourceWithProperties(CloudfrontDistribution, {
      price_class: 'PriceClass_All',
      is_ipv6_enabled: true,
      http_version: 'http2and3',
    });
  });

  test('query strings are forwarded and cookies are not', () => {
    expect(synth).toHaveResourceWithProperties(CloudfrontOriginRequestPolicy, {
      query_strings_config: { query_string_behavior: 'all' },
      cookies_config: { cookie_behavior: 'none' },
    });
    expect(synth).toHaveResourceWithProperties(CloudfrontDistribution, {
      default_cache_behavior: expect.objectContaining({
        origin_request_policy_id: expect.stringContaining('aws_cloudfront_origin_request_policy'),
      }),
    });
  });
});

describe('production: the data tier is referenced, none of it created', () => {
  test('the only secret created is the origin-verify header, on the seed CMK', () => {
    const secrets = Object.values(resourcesOf(synth, 'aws_secretsmanager_secret'));
    expect(secrets).toEqual([expect.objectContaining({ name: 'fintech-production/edge/origin-verify', kms_key_id: SEED.kmsKeyArn })]);
  });

  test('the only KMS key created is the alarm topic key (CloudWatch cannot publish to an AWS-managed SNS key)', () => {
    const keys = Object.keys(resourcesOf(synth, 'aws_kms_key'));
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^alarms_topic-key/);
  });

  test('the tasks open Redis (6379) and PostgreSQL (5432) to the VPC, where the existing stores are', () => {
    expect(taskEgressToVpcPorts(synth)).toEqual([5432, 6379]);
  });

  test('GIVEN a Redis on another port (dataServices.redisPort) THEN the tasks open that port instead of 6379', () => {
    const env = environment('production');
    if (env.dataServices.mode !== 'existing') throw new Error('production references its data tier');
    const synth6380 = synthDelivery({ ...env, dataServices: { ...env.dataServices, redisPort: 6380 } });
    expect(taskEgressToVpcPorts(synth6380)).toEqual([5432, 6380]);
    const container6380 = parseJsonAttribute<ContainerDefinition[]>(
      onlyResource(synth6380, 'aws_ecs_task_definition').container_definitions,
    )[0]!;
    expect(container6380.environment).toContainEqual({ name: 'REDIS_PORT', value: '6380' });
  });

  test.each([
    ['DynamoDB table', DynamodbTable],
    ['Redis replication group', ElasticacheReplicationGroup],
    ['database', DbInstance],
  ])('no %s is created', (_name, resource) => {
    expect(synth).not.toHaveResource(resource);
  });
});

describe('production: outputs', () => {
  test.each(['cloudfront_domain_name', 'alb_dns_name', 'ecr_repository_url', 'ecs_cluster_name', 'ecs_service_name', 'log_group_name'])(
    '%s is an output',
    (name) => {
      expect(json.output?.[name]).toBeDefined();
    },
  );
});
