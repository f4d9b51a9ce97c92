import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/schema';
import { AccessLogBucket, ACCESS_LOG_PREFIXES } from '../constructs/observability/access-log-bucket';
import { ContainerRegistry } from '../constructs/service/container-registry';
import { DataServices, referencedDataServices, type DataServiceEndpoints } from '../constructs/data/data-services';
import { EdgeDistribution } from '../constructs/edge/edge-distribution';
import { EdgeFirewall } from '../constructs/edge/edge-firewall';
import { ecsExecTaskRoleStatements, FargateService, ServiceLogGroup } from '../constructs/service/fargate-service';
import { LoadBalancer } from '../constructs/service/load-balancer';
import { Network } from '../constructs/network/network';
import { OriginVerification } from '../constructs/edge/origin-verification';
import { SecurityGroups } from '../constructs/network/security-groups';
import { ServiceAlarms } from '../constructs/observability/service-alarms';
import { ServiceDashboard } from '../constructs/observability/service-dashboard';
import { ServiceRoles } from '../constructs/service/service-roles';
import { ServiceScaling } from '../constructs/service/service-scaling';
import { DEFAULT_INTERFACE_SERVICES, VpcEndpoints } from '../constructs/network/vpc-endpoints';
import { VpcFlowLog } from '../constructs/network/vpc-flow-log';
import { applyGuardrails, suppressRule } from '../guardrails';
import { hasGap, type DeployTarget } from './emulator';
import { awsProvider, configureBackend, type StateBackend } from './provider';

export interface DeliveryStackProps {
  readonly env: EnvironmentConfig;
  /** @default 'aws' */
  readonly target?: DeployTarget;
  /** @default the environment's S3 state bucket, key `delivery/<env>/terraform.tfstate` */
  readonly backend?: StateBackend;
}

/** State key of an environment's delivery stack. */
export function deliveryStateKey(envName: string): string {
  return `delivery/${envName}/terraform.tfstate`;
}

/** Name of an environment's delivery stack (and of its directory under cdktf.out/stacks). */
export function deliveryStackName(envName: string): string {
  return `delivery-${envName}`;
}

/**
 * One environment's delivery layer: network (or references to it), VPC endpoints, security
 * groups, ECR, IAM, the Fargate service, the internal ALB, the CloudFront distribution, and the
 * data tier (created or referenced).
 */
export class DeliveryStack extends TerraformStack {
  /** The validated environment this stack was built from. */
  public readonly env: EnvironmentConfig;
  public readonly network: Network;
  public readonly securityGroups: SecurityGroups;
  public readonly endpoints: VpcEndpoints;
  public readonly registry: ContainerRegistry;
  public readonly logGroup: ServiceLogGroup;
  public readonly roles: ServiceRoles;
  public readonly loadBalancer: LoadBalancer;
  public readonly service: FargateService;
  public readonly edge: EdgeDistribution;
  public readonly data: DataServiceEndpoints;
  /** Set when the environment creates its data tier. */
  public readonly dataServices?: DataServices;
  public readonly imageTag: TerraformVariable;
  public readonly accessLogs: AccessLogBucket;
  public readonly firewall: EdgeFirewall;
  public readonly originVerification: OriginVerification;
  /** Set when this stack creates the VPC. */
  public readonly flowLog?: VpcFlowLog;
  /** Set when the environment configures autoscaling (and the target supports it). */
  public readonly scaling?: ServiceScaling;
  public readonly alarms: ServiceAlarms;
  public readonly dashboard: ServiceDashboard;

  public constructor(scope: Construct, id: string, props: DeliveryStackProps) {
    super(scope, id);
    const { env } = props;
    this.env = env;
    const target = props.target ?? 'aws';
    const prefix = `fintech-${env.name}`;

    awsProvider(this, env, target);
    applyGuardrails(this, { productionLike: env.productionLike });
    configureBackend(
      this,
      props.backend ?? { kind: 's3', bucket: env.state.bucket, region: env.state.region, key: deliveryStateKey(env.name) },
      target,
    );

    this.imageTag = new TerraformVariable(this, 'image_tag', {
      type: 'string',
      default: env.service.imageTag,
      description:
        'Image tag to deploy from the ECR repository (a new tag rolls the service). Required when the environment file sets no default.',
      nullable: false,
    });

    this.network = new Network(this, 'network', { ...env.network, namePrefix: prefix });

    const createsData = env.dataServices.mode === 'create';
    const createsRedis = createsData && !hasGap(target, 'elasticache-replication-group');
    this.securityGroups = new SecurityGroups(this, 'security-groups', {
      namePrefix: prefix,
      vpcId: this.network.vpcId,
      vpcCidrBlock: this.network.vpcCidrBlock,
      containerPort: env.service.containerPort,
      loadBalancerPorts: [env.loadBalancer.listenerPort, 443].filter((p, i, all) => all.indexOf(p) === i),
      dataStoreGroups: createsData ? { ...(createsRedis ? { redis: 6379 } : {}), postgres: 5432 } : {},
      dataStorePorts: createsData ? [] : [6379, 5432],
    });

    this.endpoints = new VpcEndpoints(this, 'endpoints', {
      region: env.region,
      vpcId: this.network.vpcId,
      subnetIds: this.network.taskSubnetIds,
      routeTableIds: this.network.privateRouteTableIds,
      securityGroupId: this.securityGroups.endpoints.id,
      namePrefix: prefix,
      // ECS Exec's agent reaches Systems Manager through ssmmessages; only when exec is on.
      interfaceServices: env.service.ecsExec ? [...DEFAULT_INTERFACE_SERVICES, 'ssmmessages'] : DEFAULT_INTERFACE_SERVICES,
    });
    for (const [service, endpoint] of Object.entries(this.endpoints.gatewayEndpoints)) {
      this.securityGroups.allowTasksHttpsToPrefixList(service, endpoint.prefixListId);
    }

    if (env.dataServices.mode === 'create') {
      const ds = env.dataServices;
      this.dataServices = new DataServices(this, 'data', {
        region: env.region,
        account: env.account,
        namePrefix: prefix,
        sessionsTableName: ds.sessionsTableName,
        secretsPrefix: ds.secretsPrefix,
        subnetIds: this.network.taskSubnetIds,
        redisSecurityGroupId: this.securityGroups.dataStores.redis?.id,
        databaseSecurityGroupId: this.securityGroups.dataStores.postgres!.id,
        deletionProtection: ds.deletionProtection,
        redis: ds.redis,
        database: ds.database,
        createRedis: createsRedis,
        redisEndpointOverride: 'redis.emulator.invalid',
        performanceInsights: !hasGap(target, 'rds-performance-insights'),
      });
      this.data = this.dataServices.endpoints;
    } else {
      this.data = referencedDataServices({ region: env.region, account: env.account, ...env.dataServices });
    }

    if (this.network.vpc) {
      this.flowLog = new VpcFlowLog(this, 'flow-log', {
        vpcId: this.network.vpc.id,
        account: env.account,
        region: env.region,
        namePrefix: prefix,
        kmsKeyArn: this.data.kmsKeyArn,
        retentionDays: env.service.logRetentionDays,
      });
    }

    this.registry = new ContainerRegistry(this, 'registry', {
      repositoryName: env.registry.repositoryName,
      scanOnPush: env.registry.scanOnPush,
      encryptionType: env.registry.encryptionType,
      imageTagMutability: env.registry.imageTagMutability,
      keepTaggedImages: env.registry.keepTaggedImages,
      untaggedExpiryDays: env.registry.untaggedImageExpiryDays,
    });

    const throwaway = target === 'emulator';
    this.accessLogs = new AccessLogBucket(this, 'access-logs', {
      bucketName: `${prefix}-access-logs-${env.account}`,
      account: env.account,
      retentionDays: env.edge.logRetentionDays,
      denyInsecureTransport: !hasGap(target, 's3-tls-only-policy'),
      forceDestroy: throwaway,
    });
    this.originVerification = new OriginVerification(this, 'origin-verification', {
      secretName: `${prefix}/edge/origin-verify`,
      kmsKeyArn: this.data.kmsKeyArn,
      recoveryWindowDays: throwaway || (env.dataServices.mode === 'create' && !env.dataServices.deletionProtection) ? 0 : 30,
    });
    this.firewall = new EdgeFirewall(this, 'firewall', {
      namePrefix: prefix,
      rateLimitPer5Minutes: env.edge.webAcl.rateLimitPer5Minutes,
      commonRuleSetExcludedRules: env.edge.webAcl.commonRuleSetExcludedRules,
      logRetentionDays: env.service.logRetentionDays,
      logKmsKeyArn: this.data.kmsKeyArn,
    });

    this.logGroup = new ServiceLogGroup(this, 'logs', {
      name: env.service.logGroupName,
      retentionDays: env.service.logRetentionDays,
      kmsKeyArn: this.data.kmsKeyArn,
    });

    this.roles = new ServiceRoles(this, 'roles', {
      region: env.region,
      account: env.account,
      executionRoleName: env.service.executionRoleName,
      taskRoleName: env.service.taskRoleName,
      repositoryArn: this.registry.repository.arn,
      logGroupArn: this.logGroup.logGroup.arn,
      injectedSecretArns: this.data.injectedSecretArns,
      runtimeSecretArnPatterns: this.data.runtimeSecretArnPatterns,
      kmsKeyArn: this.data.kmsKeyArn,
      tableArns: [this.data.sessionsTableArn],
      additionalTaskStatements: [
        ...(this.data.redisConnectArns.length > 0
          ? [
              {
                sid: 'ConnectToRedisWithIam',
                effect: 'Allow',
                actions: ['elasticache:Connect'],
                resources: [...this.data.redisConnectArns],
              },
            ]
          : []),
        ...(env.service.ecsExec ? ecsExecTaskRoleStatements() : []),
      ],
    });

    this.loadBalancer = new LoadBalancer(this, 'load-balancer', {
      name: env.loadBalancer.name,
      targetGroupName: env.loadBalancer.targetGroupName,
      vpcId: this.network.vpcId,
      subnetIds: this.network.loadBalancerSubnetIds,
      securityGroupIds: this.securityGroups.loadBalancer.map((g) => g.id),
      targetPort: env.service.containerPort,
      healthCheck: env.loadBalancer.healthCheck,
      listenerPort: env.loadBalancer.listenerPort,
      crossZoneLoadBalancing: env.loadBalancer.crossZoneLoadBalancing,
      deletionProtection: env.loadBalancer.deletionProtection,
      idleTimeoutSeconds: env.loadBalancer.idleTimeoutSeconds,
      deregistrationDelaySeconds: env.loadBalancer.deregistrationDelaySeconds,
      certificateArn: env.loadBalancer.certificateArn,
      requiredHeader: { name: this.originVerification.headerName, values: this.originVerification.acceptedValues },
      accessLogs: env.loadBalancer.accessLogs
        ? // Referenced through the bucket policy so the ALB waits for the policy that lets it write.
          { bucket: this.accessLogs.policy.bucket, prefix: ACCESS_LOG_PREFIXES.loadBalancer }
        : undefined,
    });

    this.service = new FargateService(this, 'service', {
      region: env.region,
      clusterName: env.service.clusterName,
      serviceName: env.service.serviceName,
      taskFamily: env.service.taskFamily,
      containerName: env.service.containerName,
      image: `${this.registry.repository.repositoryUrl}:${this.imageTag.stringValue}`,
      desiredCount: env.service.desiredCount,
      cpu: env.service.cpu,
      memory: env.service.memory,
      containerPort: env.service.containerPort,
      platformVersion: env.service.platformVersion,
      environment: { ...env.service.environment, ...this.data.environment },
      secrets: this.data.containerSecrets,
      executionRoleArn: this.roles.executionRole.arn,
      taskRoleArn: this.roles.taskRole.arn,
      subnetIds: this.network.taskSubnetIds,
      securityGroupIds: [
        this.securityGroups.tasks.id,
        ...(env.network.mode === 'existing' ? env.network.additionalTaskSecurityGroupIds : []),
      ],
      targetGroupArn: this.loadBalancer.targetGroup.arn,
      logGroupName: this.logGroup.logGroup.name,
      healthCheckGracePeriodSeconds: env.service.healthCheckGracePeriodSeconds,
      desiredCountManagedExternally: env.service.autoscaling !== undefined,
      fargateSpotWeight: hasGap(target, 'ecs-capacity-provider-strategy') ? 0 : env.service.fargateSpotWeight,
      enableExecuteCommand: env.service.ecsExec,
      // ECS Exec's agent writes inside the container, so exec needs a writable root filesystem.
      readonlyRootFilesystem: !env.service.ecsExec,
      dependsOn: [this.loadBalancer.listener, ...(this.loadBalancer.forwardRule ? [this.loadBalancer.forwardRule] : [])],
    });

    this.edge = new EdgeDistribution(this, 'edge', {
      namePrefix: prefix,
      loadBalancerArn: this.loadBalancer.loadBalancer.arn,
      loadBalancerDnsName: this.loadBalancer.loadBalancer.dnsName,
      originHttpPort: env.loadBalancer.listenerPort,
      useVpcOrigin: !hasGap(target, 'cloudfront-vpc-origin'),
      createOriginRequestPolicy: !hasGap(target, 'cloudfront-policies'),
      createResponseHeadersPolicy: !hasGap(target, 'cloudfront-policies'),
      originUsesHttps: env.loadBalancer.certificateArn !== undefined,
      originCustomHeader: { name: this.originVerification.headerName, value: this.originVerification.headerValue },
      webAclArn: this.firewall.webAcl.arn,
      logging: { bucketDomainName: this.accessLogs.bucket.bucketDomainName, prefix: ACCESS_LOG_PREFIXES.cloudFront },
      aliases: env.edge.aliases,
      certificateArn: env.edge.certificateArn,
      originDomainName: env.loadBalancer.originDomainName,
      dependsOn: [this.accessLogs.ownership],
      waitForDeployment: !hasGap(target, 'cloudfront-deployment-wait'),
      priceClass: env.edge.priceClass,
      ipv6Enabled: env.edge.ipv6Enabled,
      httpVersion: env.edge.httpVersion,
      originReadTimeoutSeconds: env.edge.originReadTimeoutSeconds,
    });

    const scaling = env.service.autoscaling;
    if (scaling && !hasGap(target, 'application-autoscaling')) {
      this.scaling = new ServiceScaling(this, 'scaling', {
        clusterName: this.service.cluster.name,
        serviceName: this.service.service.name,
        loadBalancerArnSuffix: this.loadBalancer.loadBalancer.arnSuffix,
        targetGroupArnSuffix: this.loadBalancer.targetGroup.arnSuffix,
        minCapacity: env.service.desiredCount,
        maxCapacity: scaling.maxCapacity,
        cpuTargetPercent: scaling.cpuTargetPercent,
        requestsPerTargetPerMinute: scaling.requestsPerTargetPerMinute,
        scaleInCooldownSeconds: scaling.scaleInCooldownSeconds,
        scaleOutCooldownSeconds: scaling.scaleOutCooldownSeconds,
      });
    }

    const monitoring = env.monitoring;
    // CloudFront publishes its metrics in us-east-1 only; the schema keeps every environment
    // there, so the alarms and the dashboard use the stack's own provider.
    this.alarms = new ServiceAlarms(this, 'alarms', {
      namePrefix: prefix,
      region: env.region,
      account: env.account,
      clusterName: env.service.clusterName,
      serviceName: env.service.serviceName,
      loadBalancerArnSuffix: this.loadBalancer.loadBalancer.arnSuffix,
      targetGroupArnSuffix: this.loadBalancer.targetGroup.arnSuffix,
      distributionId: this.edge.distribution.id,
      subscriptions: monitoring.alarmSubscriptions,
      loadBalancer5xxRatePercent: monitoring.loadBalancer5xxRatePercent,
      target5xxRatePercent: monitoring.target5xxRatePercent,
      p99ResponseTimeSeconds: monitoring.p99ResponseTimeSeconds,
      cpuUtilizationPercent: monitoring.cpuUtilizationPercent,
      memoryUtilizationPercent: monitoring.memoryUtilizationPercent,
      cloudFront5xxRatePercent: monitoring.cloudFront5xxRatePercent,
    });
    this.dashboard = new ServiceDashboard(this, 'dashboard', {
      namePrefix: prefix,
      region: env.region,
      clusterName: env.service.clusterName,
      serviceName: env.service.serviceName,
      loadBalancerArnSuffix: this.loadBalancer.loadBalancer.arnSuffix,
      targetGroupArnSuffix: this.loadBalancer.targetGroup.arnSuffix,
      distributionId: this.edge.distribution.id,
    });

    this.suppressKnownExceptions(env, target);

    const output = (name: string, value: string, description: string) => new TerraformOutput(this, name, { value, description });
    output('cloudfront_domain_name', this.edge.distribution.domainName, 'Public HTTPS entry point of the API.');
    output('cloudfront_distribution_id', this.edge.distribution.id, 'For invalidations and logs.');
    output('alb_dns_name', this.loadBalancer.loadBalancer.dnsName, 'Internal ALB (reachable only from CloudFront).');
    output('ecr_repository_url', this.registry.repository.repositoryUrl, 'Push images here: <url>:<tag>.');
    output('ecs_cluster_name', this.service.cluster.name, 'ECS cluster.');
    output('ecs_service_name', this.service.service.name, 'ECS service.');
    output('log_group_name', this.logGroup.logGroup.name, 'Container logs.');
    output('task_security_group_id', this.securityGroups.tasks.id, 'Data stores must admit the tasks from this group.');
    output('vpc_id', this.network.vpcId, 'VPC of the service.');
    output('access_log_bucket', this.accessLogs.bucket.bucket, 'CloudFront (cloudfront/) and ALB (alb/) access logs.');
    output('web_acl_arn', this.firewall.webAcl.arn, 'WAF web ACL on the distribution.');
    output('alarm_topic_arn', this.alarms.topic.arn, 'Subscribe to receive alarms.');
    output('dashboard_name', this.dashboard.dashboard.dashboardName, 'CloudWatch dashboard of the service.');
    output('origin_verify_secret_arn', this.originVerification.secret.arn, 'Rotate the origin header here (see docs/security.md).');
  }

  /**
   * The deliberate exceptions to the guardrails, each with its reason. They are listed in
   * docs/guardrails.md, generated from the code.
   */
  private suppressKnownExceptions(env: EnvironmentConfig, target: DeployTarget): void {
    const httpOrigin =
      "HTTP to the internal ALB, as the architecture specifies: the hop runs on AWS's network from CloudFront into the VPC through the VPC origin, never on the internet; set loadBalancer.certificateArn to encrypt it too";
    if (env.loadBalancer.certificateArn === undefined) {
      // Through a VPC origin the protocol is set on the origin; on the emulator (gap
      // cloudfront-vpc-origin) on the distribution's custom origin.
      suppressRule(this.edge.vpcOrigin ?? this.edge.distribution, 'FIN-CF6', httpOrigin);
    }
    if (env.service.ecsExec) {
      suppressRule(
        this.service.taskDefinition,
        'FIN-ECS1',
        'ECS Exec is on (service.ecsExec): its agent writes inside the container, so the root filesystem cannot be read-only; exec is forbidden in production-like environments by the schema',
      );
    }
    if (hasGap(target, 's3-tls-only-policy')) {
      suppressRule(
        this.accessLogs.bucket,
        'FIN-BKT4',
        'Emulator target only (gap s3-tls-only-policy): the emulator serves plain HTTP and enforces bucket policies',
      );
    }
  }
}
