import { TerraformStack, type TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import type { ImportPins } from '../config/imports';
import type { EnvironmentConfig } from '../config/schema';
import { secretRecoveryWindowDays, type DataServiceEndpoints, type DataServices } from '../constructs/data';
import { EdgeDistribution, EdgeFirewall, MANAGED_POLICY_IDS, OriginVerification, originVerifySecretName } from '../constructs/edge';
import {
  DEFAULT_GATEWAY_SERVICES,
  DEFAULT_INTERFACE_SERVICES,
  Network,
  SecurityGroups,
  VpcEndpoints,
  VpcFlowLog,
} from '../constructs/network';
import { ACCESS_LOG_PREFIXES, AccessLogBucket, accessLogBucketName, ServiceAlarms, ServiceDashboard } from '../constructs/observability';
import {
  ContainerRegistry,
  ECS_EXEC_ENDPOINT_SERVICE,
  ecsExecGrants,
  FargateService,
  imageTagVariable,
  LoadBalancer,
  originPorts,
  ServiceLogGroup,
  ServiceRoles,
  SecretChangeRestart,
  ServiceScaling,
} from '../constructs/service';
import { exportOutputs } from '../constructs/shared/outputs';
import { applyGuardrails } from '../guardrails';
import { adoptExisting, endpointServicesFor, keptEndpointServices, type Adoption } from './adoption';
import { dataStoreAccessFor, dataTierFor } from './data-tier';
import { suppressDeliveryExceptions } from './delivery-exceptions';
import { applyDeployTarget, applyTargetSuppressions, deployTargetProfile, type DeployTargetProfile } from './deploy-target';
import { awsProvider, configureBackend, type StateBackend } from './provider';

export interface DeliveryStackProps {
  readonly env: EnvironmentConfig;
  /** Where the stack is applied, resolved. @default the AWS profile */
  readonly profile?: DeployTargetProfile;
  /** @default the environment's S3 state bucket, key `delivery/<env>/terraform.tfstate` */
  readonly backend?: StateBackend;
  /** Import IDs pinned by `npm run adopt` (config/<env>.imports.json). @default none: looked up by name */
  readonly imports?: ImportPins;
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
 * data tier (created or referenced). It wires constructs together; each construct owns its
 * defaults, names, grants and outputs.
 */
export class DeliveryStack extends TerraformStack {
  public readonly env: EnvironmentConfig;
  public readonly imageTag: TerraformVariable;
  public readonly network: Network;
  public readonly securityGroups: SecurityGroups;
  public readonly endpoints: VpcEndpoints;
  public readonly dataServices?: DataServices; // when the environment creates its data tier
  public readonly data: DataServiceEndpoints;
  public readonly flowLog: VpcFlowLog;
  public readonly registry: ContainerRegistry;
  public readonly accessLogs: AccessLogBucket;
  public readonly originVerification: OriginVerification;
  public readonly firewall: EdgeFirewall;
  public readonly logGroup: ServiceLogGroup;
  public readonly roles: ServiceRoles;
  public readonly loadBalancer: LoadBalancer;
  public readonly service: FargateService;
  public readonly edge: EdgeDistribution;
  public readonly scaling?: ServiceScaling; // when the environment configures it (and the target has it)
  public readonly secretRestart?: SecretChangeRestart; // unless the environment turns it off
  public readonly alarms: ServiceAlarms;
  public readonly dashboard: ServiceDashboard;
  /** What this stack imports instead of creating (the environment's `existing`). */
  public readonly adoptions: readonly Adoption[];

  public constructor(scope: Construct, id: string, props: DeliveryStackProps) {
    super(scope, id);
    const env = (this.env = props.env);
    const profile = props.profile ?? deployTargetProfile('aws');
    const target = profile.settings;
    const { region, account } = env;
    const prefix = `fintech-${env.name}`;
    const backend = props.backend ?? { kind: 's3', bucket: env.state.bucket, region: env.state.region, key: deliveryStateKey(env.name) };

    awsProvider(this, env, profile);
    configureBackend(this, backend, profile);
    applyGuardrails(this, { productionLike: env.productionLike });
    applyDeployTarget(this, profile);

    this.imageTag = imageTagVariable(this, env.service.imageTag);

    // --- Network ------------------------------------------------------------------------------
    this.network = new Network(this, 'network', { ...env.network, namePrefix: prefix });
    const dataAccess = dataStoreAccessFor(env, target);
    this.securityGroups = new SecurityGroups(this, 'security-groups', {
      namePrefix: prefix,
      vpcId: this.network.vpcId,
      vpcCidrBlock: this.network.vpcCidrBlock,
      containerPort: env.service.containerPort,
      loadBalancerPorts: originPorts(env.loadBalancer.listenerPort, env.loadBalancer.certificateArn !== undefined),
      dataStoreGroups: dataAccess.groups,
      dataStorePorts: dataAccess.vpcPorts,
    });
    this.endpoints = new VpcEndpoints(this, 'endpoints', {
      region,
      vpcId: this.network.vpcId,
      subnetIds: this.network.taskSubnetIds,
      routeTableIds: this.network.privateRouteTableIds,
      securityGroupId: this.securityGroups.endpoints.id,
      namePrefix: prefix,
      interfaceServices: endpointServicesFor(env, [
        ...DEFAULT_INTERFACE_SERVICES,
        ...(env.service.ecsExec ? [ECS_EXEC_ENDPOINT_SERVICE] : []),
      ]),
      gatewayServices: endpointServicesFor(env, DEFAULT_GATEWAY_SERVICES),
    });
    for (const [service, endpoint] of Object.entries(this.endpoints.gatewayEndpoints)) {
      this.securityGroups.allowTasksHttpsToPrefixList(service, endpoint.prefixListId);
    }
    this.securityGroups.allowTasksHttpsToKeptEndpoints(region, keptEndpointServices(env));

    // --- Data tier ----------------------------------------------------------------------------
    const dataTier = dataTierFor(this, env, target, {
      namePrefix: prefix,
      subnetIds: this.network.taskSubnetIds,
      securityGroups: this.securityGroups,
    });
    this.data = dataTier.endpoints;
    this.dataServices = dataTier.services;
    const kmsKeyArn = this.data.kmsKeyArn;
    const logRetentionDays = env.monitoring.logRetentionDays;
    // Every VPC the stack uses gets a flow log, created or referenced (a flow log attaches to an
    // existing VPC as well); it is encrypted with the data tier's key.
    this.flowLog = new VpcFlowLog(this, 'flow-log', {
      vpcId: this.network.vpcId,
      account,
      region,
      namePrefix: prefix,
      kmsKeyArn,
      retentionDays: logRetentionDays,
    });

    // --- Service ------------------------------------------------------------------------------
    this.registry = new ContainerRegistry(this, 'registry', {
      ...env.registry,
      untaggedExpiryDays: env.registry.untaggedImageExpiryDays,
    });
    this.accessLogs = new AccessLogBucket(this, 'access-logs', {
      bucketName: accessLogBucketName(prefix, account),
      account,
      retentionDays: env.edge.logRetentionDays,
      denyInsecureTransport: target.buckets.denyInsecureTransport,
      forceDestroy: target.buckets.forceDestroy,
    });
    this.originVerification = new OriginVerification(this, 'origin-verification', {
      secretName: originVerifySecretName(prefix),
      kmsKeyArn,
      recoveryWindowDays:
        target.secretRecoveryWindowDays ??
        secretRecoveryWindowDays(env.dataServices.mode === 'existing' || env.dataServices.deletionProtection),
    });
    this.firewall = new EdgeFirewall(this, 'firewall', {
      ...env.edge.webAcl,
      namePrefix: prefix,
      logRetentionDays,
      logKmsKeyArn: kmsKeyArn,
    });
    this.logGroup = new ServiceLogGroup(this, 'logs', { name: env.service.logGroupName, retentionDays: logRetentionDays, kmsKeyArn });
    this.roles = new ServiceRoles(this, 'roles', {
      ...env.service,
      region,
      account,
      grants: [this.registry.pullGrants, this.logGroup.writeGrants, this.data.grants, ...(env.service.ecsExec ? [ecsExecGrants()] : [])],
    });
    this.loadBalancer = new LoadBalancer(this, 'load-balancer', {
      ...env.loadBalancer,
      vpcId: this.network.vpcId,
      subnetIds: this.network.loadBalancerSubnetIds,
      securityGroupIds: this.securityGroups.loadBalancer.map((g) => g.id),
      targetPort: env.service.containerPort,
      requiredHeader: { name: this.originVerification.headerName, values: this.originVerification.acceptedValues },
      // Referenced through the bucket policy so the ALB waits for the policy that lets it write.
      accessLogs: env.loadBalancer.accessLogs
        ? { bucket: this.accessLogs.policy.bucket, prefix: ACCESS_LOG_PREFIXES.loadBalancer }
        : undefined,
    });
    this.service = new FargateService(this, 'service', {
      ...env.service,
      region,
      image: `${this.registry.repository.repositoryUrl}:${this.imageTag.stringValue}`,
      environment: { ...env.service.environment, ...this.data.environment },
      secrets: this.data.containerSecrets,
      executionRoleArn: this.roles.executionRole.arn,
      taskRoleArn: this.roles.taskRole.arn,
      subnetIds: this.network.taskSubnetIds,
      securityGroupIds: [
        this.securityGroups.tasks.id,
        ...(env.network.mode === 'existing' ? env.network.additionalTaskSecurityGroupIds : []),
        ...(env.existing.securityGroups.tasks ? [env.existing.securityGroups.tasks] : []),
      ],
      targetGroupArn: this.loadBalancer.targetGroup.arn,
      logGroupName: this.logGroup.logGroup.name,
      desiredCountManagedExternally: env.service.autoscaling !== undefined,
      fargateSpotWeight: target.service.fargateSpot ? env.service.fargateSpotWeight : 0,
      waitForSteadyState: target.service.waitForSteadyState,
      enableExecuteCommand: env.service.ecsExec,
      user: env.service.containerUser,
      // ECS Exec's agent writes inside the container, so exec needs a writable root filesystem.
      readonlyRootFilesystem: env.service.readonlyRootFilesystem && !env.service.ecsExec,
      insightsLogGroup: env.service.createContainerInsightsLogGroup ? { retentionDays: logRetentionDays, kmsKeyArn } : undefined,
      dependsOn: [this.loadBalancer.listener, ...(this.loadBalancer.forwardRule ? [this.loadBalancer.forwardRule] : [])],
    });

    if (env.service.restartOnSecretChange) {
      // The origin-verify secret is not among them: the ALB and CloudFront get its value at apply
      // time, the tasks never read it.
      this.secretRestart = new SecretChangeRestart(this, 'secret-restart', {
        region,
        account,
        namePrefix: prefix,
        clusterName: env.service.clusterName,
        serviceName: env.service.serviceName,
        secretArns: this.data.injectedSecretArns,
      });
    }

    // --- Edge ---------------------------------------------------------------------------------
    const managedPolicies = target.edge.policies === 'managed';
    this.edge = new EdgeDistribution(this, 'edge', {
      ...env.edge,
      namePrefix: prefix,
      loadBalancerArn: this.loadBalancer.loadBalancer.arn,
      loadBalancerDnsName: this.loadBalancer.loadBalancer.dnsName,
      originHttpPort: env.loadBalancer.listenerPort,
      originAccess: target.edge.originAccess,
      originRequestPolicyId: managedPolicies ? MANAGED_POLICY_IDS.allViewer : undefined,
      responseHeadersPolicyId: managedPolicies ? MANAGED_POLICY_IDS.securityHeaders : undefined,
      waitForDeployment: target.edge.waitForDeployment,
      originUsesHttps: env.loadBalancer.certificateArn !== undefined,
      originDomainName: env.edge.originDomainName,
      originCustomHeader: { name: this.originVerification.headerName, value: this.originVerification.headerValue },
      webAclArn: this.firewall.webAcl.arn,
      tags: env.tags,
      logging: { bucketDomainName: this.accessLogs.bucket.bucketDomainName, prefix: ACCESS_LOG_PREFIXES.cloudFront },
      dependsOn: [this.accessLogs.ownership],
    });

    // --- Operations ---------------------------------------------------------------------------
    const scaling = env.service.autoscaling;
    const service = { clusterName: env.service.clusterName, serviceName: env.service.serviceName };
    const albMetrics = {
      loadBalancerArnSuffix: this.loadBalancer.loadBalancer.arnSuffix,
      targetGroupArnSuffix: this.loadBalancer.targetGroup.arnSuffix,
    };
    if (scaling && target.service.applicationAutoScaling) {
      this.scaling = new ServiceScaling(this, 'scaling', {
        ...scaling,
        ...albMetrics,
        clusterName: this.service.cluster.name,
        serviceName: this.service.service.name,
        minCapacity: env.service.desiredCount,
      });
    }
    // CloudFront publishes its metrics in us-east-1 only; the schema keeps every environment
    // there, so the alarms and the dashboard use the stack's own provider.
    const monitored = { ...service, ...albMetrics, namePrefix: prefix, region, distributionId: this.edge.distribution.id };
    this.alarms = new ServiceAlarms(this, 'alarms', {
      ...env.monitoring,
      ...monitored,
      account,
      subscriptions: env.monitoring.alarmSubscriptions,
    });
    this.dashboard = new ServiceDashboard(this, 'dashboard', monitored);

    this.adoptions = adoptExisting(this, env, props.imports, {
      service: this.service,
      loadBalancer: this.loadBalancer,
      registry: this.registry,
      logGroup: this.logGroup,
      endpoints: this.endpoints,
      edge: this.edge,
    });
    suppressDeliveryExceptions(env, { edge: this.edge, service: this.service, roles: this.roles });
    applyTargetSuppressions(profile, { accessLogBucket: this.accessLogs.bucket });
    exportOutputs(this);
  }
}
