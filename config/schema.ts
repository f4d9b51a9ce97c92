/**
 * The environment schema: every value an environment file may hold, with the domain rules AWS
 * enforces (Fargate sizes, ID and ARN formats, health-check bounds). Environment files are data;
 * this file is the only place their shape is defined, and the settings reference in
 * `docs/environment-settings.md` is generated from it.
 */
import { z } from 'zod';

/** Regions in which every service this project uses is available. */
export const AWS_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'ap-south-1',
  'ap-south-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-east-1',
  'sa-east-1',
  'me-south-1',
  'me-central-1',
  'af-south-1',
  'il-central-1',
] as const;

/**
 * Fargate's valid task sizes: CPU units → allowed memory (MiB).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
 */
export const FARGATE_TASK_SIZES: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}

const hex = (n: string) => `[0-9a-f]{${n}}`;
const awsIdPattern = (prefix: string) => new RegExp(`^${prefix}-(${hex('8')}|${hex('17')})$`);

export const awsAccountId = z
  .string()
  .regex(/^\d{12}$/, 'must be a 12-digit AWS account ID')
  .describe('AWS account ID (12 digits).');
export const awsRegion = z.enum(AWS_REGIONS).describe('AWS region name.');
export const vpcId = z.string().regex(awsIdPattern('vpc'), 'must be a VPC ID: vpc- followed by 8 or 17 hex digits');
export const subnetId = z.string().regex(awsIdPattern('subnet'), 'must be a subnet ID: subnet- followed by 8 or 17 hex digits');
export const securityGroupId = z.string().regex(awsIdPattern('sg'), 'must be a security group ID: sg- followed by 8 or 17 hex digits');
export const secretArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:secretsmanager:[a-z]{2}(-[a-z]+)+-\d:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/,
    'must be a Secrets Manager secret ARN: arn:aws:secretsmanager:<region>:<account>:secret:<name> (no JSON key suffix; use jsonKey for that)',
  );
export const kmsKeyId = z
  .string()
  .regex(
    /^(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/,
    'must be a KMS key ID: a UUID (1234abcd-12ab-34cd-56ef-1234567890ab) or a multi-Region key ID (mrk-…)',
  );
export const acmCertificateArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:acm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:certificate\/[0-9a-f-]{36}$/,
    'must be an ACM certificate ARN: arn:aws:acm:<region>:<account>:certificate/<uuid>',
  );
export const port = z.number().int().min(1).max(65535).describe('TCP port, 1–65535.');
/** Names that AWS allows for ECS clusters, services, task families and target groups. */
const resourceName = (maxLength: number, what: string) =>
  z
    .string()
    .min(1)
    .max(maxLength)
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, `${what} may contain only letters, digits and hyphens, starting with a letter or digit`);
const ecrRepositoryName = z
  .string()
  .min(2)
  .max(256)
  .regex(
    /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/,
    'an ECR repository name is lowercase letters, digits and . _ - / separators',
  );
const logGroupName = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[.\-_/#A-Za-z0-9]+$/, 'a log group name may contain letters, digits and . - _ / #');
/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
const logRetentionDays = z
  .number()
  .int()
  .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
    message: `must be one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(', ')}`,
  });
const cidrBlock = z
  .string()
  .regex(
    /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(1[6-9]|2[0-8])$/,
    'must be an IPv4 CIDR block with a prefix between /16 and /28 (AWS VPC limits), e.g. 10.40.0.0/16',
  );
const envVarName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'environment variable names are UPPER_SNAKE_CASE');
const timeWindow = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'a UTC window hh:mm-hh:mm, e.g. 03:00-04:00');
const maintenanceWindow = z
  .string()
  .regex(
    /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/,
    'a weekly UTC window ddd:hh:mm-ddd:hh:mm, e.g. sun:05:00-sun:06:00',
  );
/** Node types offered for the Redis replication group (Graviton, current generation). */
export const REDIS_NODE_TYPES = [
  'cache.t4g.micro',
  'cache.t4g.small',
  'cache.t4g.medium',
  'cache.m7g.large',
  'cache.m7g.xlarge',
  'cache.r7g.large',
  'cache.r7g.xlarge',
] as const;
export const REDIS_ENGINE_VERSIONS = ['7.0', '7.1'] as const;
export const RDS_INSTANCE_CLASSES = [
  'db.t4g.micro',
  'db.t4g.small',
  'db.t4g.medium',
  'db.t4g.large',
  'db.m7g.large',
  'db.m7g.xlarge',
  'db.r7g.large',
  'db.r7g.xlarge',
] as const;
export const POSTGRES_ENGINE_VERSIONS = ['15.8', '16.4', '16.6', '17.2'] as const;
const tagMap = z.record(z.string().min(1).max(128), z.string().max(256));

export const healthCheckSchema = z
  .strictObject({
    path: z
      .string()
      .regex(/^\/[\x21-\x7e]*$/, 'must start with "/" and contain no spaces')
      .max(1024)
      .describe('HTTP path the target group probes.'),
    intervalSeconds: z.number().int().min(5).max(300).describe('Seconds between probes (5–300).'),
    timeoutSeconds: z.number().int().min(2).max(120).describe('Seconds before a probe counts as failed (2–120).'),
    healthyThreshold: z.number().int().min(2).max(10).describe('Consecutive successes to mark a target healthy (2–10).'),
    unhealthyThreshold: z.number().int().min(2).max(10).describe('Consecutive failures to mark a target unhealthy (2–10).'),
    matcher: z
      .string()
      .regex(/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/, 'HTTP codes such as "200" or "200-299"')
      .default('200')
      .describe('HTTP status codes that count as healthy.'),
  })
  .refine((h) => h.timeoutSeconds < h.intervalSeconds, {
    message: 'timeoutSeconds must be less than intervalSeconds',
    path: ['timeoutSeconds'],
  });

const existingNetworkSchema = z.strictObject({
  mode: z.literal('existing').describe('Reference a VPC and subnets that already exist.'),
  vpcId: vpcId.describe('The existing VPC.'),
  taskSubnetIds: z
    .array(subnetId)
    .min(2)
    .describe('Private subnets, in at least two AZs, for the Fargate tasks and the interface endpoints.'),
  loadBalancerSubnetIds: z.array(subnetId).min(2).describe('Subnets, in at least two AZs, for the internal ALB.'),
  additionalTaskSecurityGroupIds: z
    .array(securityGroupId)
    .max(4)
    .default([])
    .describe(
      'Existing security groups attached to the tasks besides the managed one, e.g. a group that existing data stores already admit.',
    ),
});

const createdNetworkSchema = z.strictObject({
  mode: z.literal('create').describe('Create a VPC with private subnets and no NAT gateway.'),
  cidrBlock: cidrBlock.describe('IPv4 CIDR of the new VPC.'),
  availabilityZoneCount: z.number().int().min(2).max(3).default(2).describe('Number of AZs to spread subnets over (2–3).'),
});

const existingDataServicesSchema = z.strictObject({
  mode: z.literal('existing').describe('Reference a data tier that already exists in the account.'),
  kmsKeyId: kmsKeyId.describe('Customer-managed KMS key that encrypts the secrets and the sessions table.'),
  sessionsTableName: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name is 3–255 of A-Z a-z 0-9 _ - .')
    .describe('DynamoDB table that stores sessions.'),
  redisEndpoint: z
    .string()
    .regex(/^[a-z0-9.-]+\.cache\.amazonaws\.com$/, 'must be an ElastiCache endpoint host name ending in .cache.amazonaws.com')
    .describe('Primary endpoint of the Redis replication group.'),
  redisPort: port.default(6379).describe('Redis port.'),
  databaseSecretArn: secretArn.describe('Secret holding the database credentials.'),
  databaseSecretPasswordKey: z.string().min(1).default('password').describe('JSON key of the password inside the database secret.'),
  apiKeySecretArn: secretArn.describe('Secret holding the API key.'),
  applicationSecretsPrefix: z
    .string()
    .regex(/^[A-Za-z0-9/_+=.@-]+\/$/, 'a secret name prefix ending in "/", e.g. "fintech/"')
    .describe('Name prefix of the secrets the application may read at runtime (the task role gets read access to <prefix>*).'),
});

const createdDataServicesSchema = z.strictObject({
  mode: z.literal('create').describe('Create the data tier in this stack: KMS key, secrets, sessions table, Redis, PostgreSQL.'),
  sessionsTableName: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name is 3–255 of A-Z a-z 0-9 _ - .')
    .describe('DynamoDB table that stores sessions.'),
  secretsPrefix: z
    .string()
    .regex(/^[A-Za-z0-9/_+=.@-]+\/$/, 'a secret name prefix ending in "/", e.g. "fintech-dev/"')
    .describe('Name prefix of the secrets this stack creates; the task role may read <prefix>*.'),
  deletionProtection: z.boolean().default(true).describe('Protect the sessions table and the database from deletion.'),
  redis: z
    .strictObject({
      nodeType: z.enum(REDIS_NODE_TYPES).default('cache.t4g.small').describe('ElastiCache node type.'),
      engineVersion: z.enum(REDIS_ENGINE_VERSIONS).default('7.1').describe('Redis engine version.'),
      replicas: z.number().int().min(1).max(5).default(1).describe('Replicas besides the primary (≥ 1 for Multi-AZ failover).'),
      snapshotRetentionDays: z.number().int().min(1).max(35).default(7).describe('Days automatic snapshots are kept.'),
      snapshotWindow: timeWindow.default('03:00-04:00').describe('Daily snapshot window (UTC, hh:mm-hh:mm).'),
      maintenanceWindow: maintenanceWindow.default('sun:05:00-sun:06:00').describe('Weekly maintenance window (UTC).'),
    })
    .prefault({})
    .describe('ElastiCache Redis replication group.'),
  database: z
    .strictObject({
      instanceClass: z.enum(RDS_INSTANCE_CLASSES).default('db.t4g.medium').describe('RDS instance class.'),
      engineVersion: z.enum(POSTGRES_ENGINE_VERSIONS).default('16.4').describe('PostgreSQL engine version.'),
      databaseName: z
        .string()
        .regex(/^[a-z][a-z0-9_]{0,62}$/, 'lowercase letters, digits and _, starting with a letter, ≤ 63 characters')
        .default('fintech')
        .describe('Name of the database created on the instance.'),
      masterUsername: z
        .string()
        .regex(/^[a-z][a-z0-9_]{0,15}$/, 'lowercase letters, digits and _, starting with a letter, ≤ 16 characters')
        .refine((u) => !['admin', 'postgres', 'rdsadmin'].includes(u), { message: 'is reserved by RDS or PostgreSQL' })
        .default('fintech_admin')
        .describe('Master user name (the password is generated and kept in Secrets Manager).'),
      allocatedStorageGb: z.number().int().min(20).max(65536).default(20).describe('Storage (GiB).'),
      maxAllocatedStorageGb: z.number().int().min(20).max(65536).default(100).describe('Storage autoscaling ceiling (GiB).'),
      multiAz: z.boolean().default(true).describe('Standby in a second AZ.'),
      backupRetentionDays: z.number().int().min(7).max(35).default(7).describe('Automated backup retention (7–35 days).'),
      backupWindow: timeWindow.default('02:00-03:00').describe('Daily backup window (UTC, hh:mm-hh:mm).'),
      maintenanceWindow: maintenanceWindow.default('sun:04:00-sun:05:00').describe('Weekly maintenance window (UTC).'),
      performanceInsightsRetentionDays: z
        .union([z.literal(7), z.literal(731)])
        .default(7)
        .describe('Performance Insights retention (7 = free tier, or 731).'),
    })
    .prefault({})
    .describe('RDS PostgreSQL instance.'),
});

export const networkSchema = z.discriminatedUnion('mode', [existingNetworkSchema, createdNetworkSchema]);
export const NETWORK_MODES = [existingNetworkSchema.shape.mode.value, createdNetworkSchema.shape.mode.value] as const;
export const DATA_SERVICES_MODES = [existingDataServicesSchema.shape.mode.value, createdDataServicesSchema.shape.mode.value] as const;

export const environmentSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path of the JSON Schema, for editors. Ignored by synth.'),
    name: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,20}$/, 'lowercase letters, digits and hyphens, 2–21 characters, starting with a letter')
      .describe('Environment name; used in stack names and the state key.'),
    account: awsAccountId,
    region: awsRegion,
    productionLike: z
      .boolean()
      .default(false)
      .describe('Serves real customers: requires ALB deletion protection, forbids Spot tasks and ECS Exec.'),
    tags: tagMap.default({}).describe('Tags applied to every resource through the provider default_tags.'),
    state: z
      .strictObject({
        bucket: z
          .string()
          .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name is 3–63 lowercase letters, digits, dots and hyphens')
          .describe('S3 bucket holding Terraform state (created by the state bootstrap stack).'),
        region: awsRegion.describe('Region of the state bucket.'),
      })
      .describe('Remote state location.'),
    network: networkSchema.describe('Where the service runs: an existing VPC, or one this stack creates.'),
    registry: z
      .strictObject({
        repositoryName: ecrRepositoryName.describe('ECR repository name.'),
        scanOnPush: z.boolean().default(true).describe('Scan images for vulnerabilities on push.'),
        encryptionType: z.enum(['AES256', 'KMS']).default('AES256').describe('ECR encryption at rest.'),
        imageTagMutability: z
          .enum(['IMMUTABLE', 'MUTABLE'])
          .default('IMMUTABLE')
          .describe('IMMUTABLE: a pushed tag can never point at another image, so every deployed tag is traceable.'),
        keepTaggedImages: z.number().int().min(1).max(1000).default(50).describe('Tagged images kept; older ones expire.'),
        untaggedImageExpiryDays: z.number().int().min(1).max(365).default(7).describe('Days after which untagged images expire.'),
      })
      .describe('Container registry.'),
    service: z
      .strictObject({
        clusterName: resourceName(255, 'a cluster name').describe('ECS cluster name.'),
        serviceName: resourceName(255, 'a service name').describe('ECS service name.'),
        taskFamily: resourceName(255, 'a task family').describe('Task definition family.'),
        containerName: resourceName(255, 'a container name').describe('Name of the application container.'),
        imageTag: z
          .string()
          .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'a Docker tag: letters, digits, _ . -, at most 128 characters')
          .optional()
          .describe('Default of the image_tag Terraform variable. Omit it to make every plan name the release (-var image_tag=v1.4.2).'),
        desiredCount: z.number().int().min(1).max(1000).describe('Number of running tasks (≥ 1).'),
        cpu: z
          .number()
          .int()
          .refine((c) => c in FARGATE_TASK_SIZES, {
            message: `must be a Fargate CPU size: ${Object.keys(FARGATE_TASK_SIZES).join(', ')}`,
          })
          .describe('Task CPU units.'),
        memory: z.number().int().describe('Task memory (MiB); must be valid for the CPU size.'),
        containerPort: port.describe('Port the container listens on.'),
        platformVersion: z
          .string()
          .regex(/^(LATEST|1\.4\.0|1\.3\.0)$/, 'LATEST, 1.4.0 or 1.3.0')
          .default('LATEST')
          .describe('Fargate platform version.'),
        environment: z
          .record(envVarName, z.string())
          .default({})
          .describe('Plain environment variables (never secrets). REDIS_HOST and REDIS_PORT come from the data tier.'),
        logGroupName: logGroupName.describe('CloudWatch log group for the container.'),
        logRetentionDays: logRetentionDays.default(90).describe('Log retention (days).'),
        executionRoleName: resourceName(64, 'an IAM role name').describe('Name of the task execution role.'),
        taskRoleName: resourceName(64, 'an IAM role name').describe('Name of the task (application) role.'),
        healthCheckGracePeriodSeconds: z
          .number()
          .int()
          .min(0)
          .max(2_147_483_647)
          .default(60)
          .describe('Seconds the scheduler ignores failing ALB health checks after a task starts.'),
        autoscaling: z
          .strictObject({
            maxCapacity: z.number().int().min(1).max(1000).describe('Most tasks the scaler may run.'),
            cpuTargetPercent: z.number().min(1).max(100).default(60).describe('Average CPU the scaler aims for (%).'),
            requestsPerTargetPerMinute: z
              .number()
              .int()
              .min(1)
              .default(1000)
              .describe('ALB requests per task per minute the scaler aims for.'),
            scaleInCooldownSeconds: z.number().int().min(0).max(3600).default(300).describe('Wait after a scale-in (s).'),
            scaleOutCooldownSeconds: z.number().int().min(0).max(3600).default(60).describe('Wait after a scale-out (s).'),
          })
          .optional()
          .describe('Target tracking on CPU and on ALB requests per task; the minimum is desiredCount. Omit to run a fixed count.'),
        fargateSpotWeight: z
          .number()
          .int()
          .min(0)
          .max(10)
          .default(0)
          .describe(
            'Share of tasks on FARGATE_SPOT (weight against 1 on FARGATE, one task always on FARGATE); 0 = none. Non-production only.',
          ),
        ecsExec: z
          .boolean()
          .default(false)
          .describe(
            'Allow `aws ecs execute-command` into tasks (adds the ssmmessages endpoint and permissions; the root filesystem then becomes writable). Never in production.',
          ),
      })
      .refine((s) => (FARGATE_TASK_SIZES[s.cpu] ?? []).includes(s.memory), {
        message: 'is not a valid Fargate size for this cpu',
        path: ['memory'],
      })
      .describe('The ECS Fargate service.'),
    loadBalancer: z
      .strictObject({
        name: resourceName(32, 'a load balancer name').describe('ALB name (≤ 32 characters).'),
        targetGroupName: resourceName(32, 'a target group name').describe('Target group name (≤ 32 characters).'),
        listenerPort: port.default(80).describe('Port of the HTTP listener the CloudFront origin connects to.'),
        crossZoneLoadBalancing: z.boolean().default(true).describe('Spread requests across AZs.'),
        deletionProtection: z.boolean().default(true).describe('Block deletion of the ALB through the API.'),
        idleTimeoutSeconds: z.number().int().min(1).max(4000).default(60).describe('Connection idle timeout (s).'),
        healthCheck: healthCheckSchema.describe('Target group health check.'),
        certificateArn: acmCertificateArn
          .optional()
          .describe('ACM certificate (in this region) for an HTTPS listener; CloudFront then connects to the ALB over HTTPS.'),
        originDomainName: z
          .string()
          .regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'a DNS name such as origin.internal.example.com')
          .optional()
          .describe('With certificateArn: the name CloudFront connects to, covered by the certificate and resolving to the ALB.'),
        deregistrationDelaySeconds: z
          .number()
          .int()
          .min(0)
          .max(3600)
          .default(30)
          .describe('Seconds a draining task keeps serving in-flight requests.'),
        accessLogs: z.boolean().default(true).describe('Write ALB access logs to the log bucket.'),
      })
      .describe('The internal Application Load Balancer.'),
    edge: z
      .strictObject({
        priceClass: z
          .enum(['PriceClass_All', 'PriceClass_200', 'PriceClass_100'])
          .default('PriceClass_All')
          .describe('CloudFront edge locations used.'),
        ipv6Enabled: z.boolean().default(true).describe('Serve viewers over IPv6.'),
        httpVersion: z.enum(['http2', 'http2and3']).default('http2and3').describe('HTTP versions offered to viewers.'),
        originReadTimeoutSeconds: z
          .number()
          .int()
          .min(1)
          .max(180)
          .default(30)
          .describe('How long CloudFront waits for the ALB to answer (s).'),
        aliases: z
          .array(z.string().regex(/^(\*\.)?([a-z0-9-]+\.)+[a-z]{2,}$/, 'a DNS name such as api.example.com'))
          .max(10)
          .default([])
          .describe('Custom domain names of the distribution; require certificateArn.'),
        certificateArn: acmCertificateArn
          .optional()
          .describe('ACM certificate in us-east-1 (CloudFront requires that region) covering the aliases.'),
        webAcl: z
          .strictObject({
            rateLimitPer5Minutes: z
              .number()
              .int()
              .min(10)
              .max(2_000_000_000)
              .default(2000)
              .describe('Requests one client IP may make in any 5-minute window before it is blocked.'),
            commonRuleSetExcludedRules: z
              .array(z.string().regex(/^[A-Za-z0-9_]+$/))
              .default([])
              .describe('Rules of AWSManagedRulesCommonRuleSet switched to count-only (false positives).'),
          })
          .prefault({})
          .describe('WAF web ACL on the distribution.'),
        logRetentionDays: z
          .number()
          .int()
          .min(1)
          .max(3650)
          .default(90)
          .describe('Days access logs (CloudFront, ALB) are kept in the log bucket.'),
      })
      .describe('The CloudFront distribution.'),
    monitoring: z
      .strictObject({
        alarmSubscriptions: z
          .array(
            z.strictObject({
              protocol: z.enum(['email', 'https', 'sqs', 'lambda']).describe('SNS protocol.'),
              endpoint: z.string().min(3).describe('Address, URL or ARN receiving the alarms.'),
            }),
          )
          .default([])
          .describe('Who receives alarm notifications (SNS subscriptions).'),
        loadBalancer5xxRatePercent: z.number().min(0).max(100).default(1).describe('ALB 5xx rate that alarms (%).'),
        target5xxRatePercent: z.number().min(0).max(100).default(1).describe('Target 5xx rate that alarms (%).'),
        p99ResponseTimeSeconds: z.number().min(0).max(300).default(1).describe('p99 target response time that alarms (s).'),
        cpuUtilizationPercent: z.number().min(1).max(100).default(80).describe('Service CPU that alarms (%).'),
        memoryUtilizationPercent: z.number().min(1).max(100).default(80).describe('Service memory that alarms (%).'),
        cloudFront5xxRatePercent: z.number().min(0).max(100).default(5).describe('CloudFront 5xx error rate that alarms (%).'),
      })
      .prefault({})
      .describe('Alarms (to an SNS topic) and the service dashboard.'),
    dataServices: z
      .discriminatedUnion('mode', [existingDataServicesSchema, createdDataServicesSchema])
      .describe('Redis, PostgreSQL credentials, sessions table and KMS key the service uses.'),
  })
  .superRefine((env, ctx) => {
    if (env.network.mode === 'existing') {
      for (const [field, ids] of [
        ['taskSubnetIds', env.network.taskSubnetIds],
        ['loadBalancerSubnetIds', env.network.loadBalancerSubnetIds],
      ] as const) {
        const seen = new Set<string>();
        ids.forEach((id, i) => {
          if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['network', field, i], input: id, message: 'is listed twice' });
          seen.add(id);
        });
      }
    }
    if (env.region !== 'us-east-1') {
      ctx.addIssue({
        code: 'custom',
        path: ['region'],
        input: env.region,
        message:
          "must be us-east-1: the CloudFront web ACL, its log group, the CloudFront alarms and the viewer certificate are created with the environment's provider, and AWS requires us-east-1 for them",
      });
    }
    const scaling = env.service.autoscaling;
    if (scaling && scaling.maxCapacity < env.service.desiredCount) {
      ctx.addIssue({
        code: 'custom',
        path: ['service', 'autoscaling', 'maxCapacity'],
        input: scaling.maxCapacity,
        message: `must be at least service.desiredCount (${env.service.desiredCount}), the scaler's minimum`,
      });
    }
    const productionLike = env.productionLike;
    if (productionLike && !env.loadBalancer.deletionProtection) {
      ctx.addIssue({
        code: 'custom',
        path: ['loadBalancer', 'deletionProtection'],
        input: false,
        message: 'must be true in a production-like environment (productionLike: true)',
      });
    }
    if (productionLike && env.service.fargateSpotWeight > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['service', 'fargateSpotWeight'],
        input: env.service.fargateSpotWeight,
        message:
          'must be 0 in a production-like environment (loadBalancer.deletionProtection on): Spot tasks can be reclaimed at two minutes notice',
      });
    }
    if (productionLike && env.service.ecsExec) {
      ctx.addIssue({
        code: 'custom',
        path: ['service', 'ecsExec'],
        input: true,
        message:
          'must be false in a production-like environment (loadBalancer.deletionProtection on): a shell into production tasks bypasses the release process',
      });
    }
    if (env.registry.imageTagMutability === 'IMMUTABLE' && env.service.imageTag === 'latest') {
      ctx.addIssue({
        code: 'custom',
        path: ['service', 'imageTag'],
        input: env.service.imageTag,
        message:
          'cannot be "latest" with immutable tags (a pushed tag never moves): use a versioned tag, or omit imageTag and pass -var image_tag=<version>',
      });
    }
    const cfCert = env.edge.certificateArn;
    if (cfCert !== undefined && cfCert.split(':')[3] !== 'us-east-1') {
      ctx.addIssue({
        code: 'custom',
        path: ['edge', 'certificateArn'],
        input: cfCert,
        message: 'must be in us-east-1: CloudFront only uses ACM certificates from us-east-1',
      });
    }
    if (env.edge.aliases.length > 0 && cfCert === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['edge', 'aliases'],
        input: env.edge.aliases,
        message: 'need edge.certificateArn: CloudFront serves a custom domain only with a certificate covering it',
      });
    }
    if (cfCert !== undefined && env.edge.aliases.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['edge', 'certificateArn'],
        input: cfCert,
        message: 'is set but edge.aliases is empty; list the domain names the certificate covers',
      });
    }
    const albCert = env.loadBalancer.certificateArn;
    if (albCert !== undefined && env.loadBalancer.originDomainName === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['loadBalancer', 'originDomainName'],
        input: undefined,
        message: "is required with loadBalancer.certificateArn: CloudFront verifies the ALB's certificate against this name",
      });
    }
    if (albCert !== undefined && albCert.split(':')[3] !== env.region) {
      ctx.addIssue({
        code: 'custom',
        path: ['loadBalancer', 'certificateArn'],
        input: albCert,
        message: `must be in the environment's region (${env.region}): an ALB only uses certificates from its own region`,
      });
    }
    const data = env.dataServices;
    if (data.mode === 'create' && data.database.maxAllocatedStorageGb < data.database.allocatedStorageGb) {
      ctx.addIssue({
        code: 'custom',
        path: ['dataServices', 'database', 'maxAllocatedStorageGb'],
        input: data.database.maxAllocatedStorageGb,
        message: `must be at least allocatedStorageGb (${data.database.allocatedStorageGb})`,
      });
    }
    const secretArns =
      data.mode === 'existing'
        ? ([
            ['databaseSecretArn', data.databaseSecretArn],
            ['apiKeySecretArn', data.apiKeySecretArn],
          ] as const)
        : [];
    for (const [key, arn] of secretArns) {
      const [, , , region, account] = arn.split(':');
      if (region !== env.region || account !== env.account) {
        ctx.addIssue({
          code: 'custom',
          path: ['dataServices', key],
          input: arn,
          message: `must be in this environment's region and account (${env.region}, ${env.account}); ECS injects secrets only from its own region`,
        });
      }
    }
    for (const reserved of ['REDIS_HOST', 'REDIS_PORT']) {
      if (reserved in env.service.environment) {
        ctx.addIssue({
          code: 'custom',
          path: ['service', 'environment', reserved],
          input: env.service.environment[reserved],
          message: 'is set from dataServices; remove it here',
        });
      }
    }
    for (const name of Object.keys(env.service.environment)) {
      if (/(PASSWORD|SECRET|TOKEN|API_KEY)/.test(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['service', 'environment', name],
          input: name,
          message:
            'looks like a secret; plain environment variables are visible in the task definition — inject it from Secrets Manager instead',
        });
      }
    }
  });

/** A validated environment, with defaults applied. */
export type EnvironmentConfig = z.output<typeof environmentSchema>;
export type NetworkConfig = EnvironmentConfig['network'];
export type HealthCheckConfig = EnvironmentConfig['loadBalancer']['healthCheck'];
