import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { MAX_FARGATE_SPOT_WEIGHT } from '../shared/limits';
import type { Outputs } from '../shared/outputs';
import { releasePostcondition } from './release-verification';

/** Rolling deployments keep the full desired count healthy... */
export const DEPLOYMENT_MINIMUM_HEALTHY_PERCENT = 100;
/** ...by starting every replacement task before an old one stops. */
export const DEPLOYMENT_MAXIMUM_PERCENT = 200;
/** Seconds a container may take to exit after SIGTERM before it is killed. */
export const CONTAINER_STOP_TIMEOUT_SECONDS = 30;

/** The log group Container Insights writes a cluster's performance events to: its own naming convention. */
export function containerInsightsLogGroupName(clusterName: string): string {
  return `/aws/ecs/containerinsights/${clusterName}/performance`;
}

/** A secret injected as an environment variable at task start. */
export interface ContainerSecret {
  /** Environment variable name inside the container. */
  readonly name: string;
  /** Secret ARN, optionally with `:<json-key>::` to inject one key of a JSON secret. */
  readonly valueFrom: string;
}

export interface FargateServiceProps {
  readonly region: string;
  readonly clusterName: string;
  readonly serviceName: string;
  readonly taskFamily: string;
  readonly containerName: string;
  /** Full image reference, `<repository-url>:<tag>`. */
  readonly image: string;
  readonly desiredCount: number;
  /** Task CPU units (a valid Fargate size). */
  readonly cpu: number;
  /** Task memory (MiB), valid for `cpu`. */
  readonly memory: number;
  readonly containerPort: number;
  /** @default 'LATEST' */
  readonly platformVersion?: string;
  /** Plain environment variables; never secrets. @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default [] */
  readonly secrets?: readonly ContainerSecret[];
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly targetGroupArn: string;
  /** The log group the awslogs driver writes to (see {@link ServiceLogGroup}). */
  readonly logGroupName: string;
  /**
   * Mount the root filesystem read-only; `/tmp` stays writable through an ephemeral volume.
   * @default true
   */
  readonly readonlyRootFilesystem?: boolean;
  /**
   * User (and group) the container process runs as.
   * @default '1000:1000' (non-root)
   */
  readonly user?: string;
  /**
   * Seconds the scheduler ignores failing load balancer health checks after a task starts.
   * @default 60
   */
  readonly healthCheckGracePeriodSeconds?: number;
  /**
   * Something other than Terraform changes the desired count (Application Auto Scaling, see
   * ServiceScaling). The service is still created with `desiredCount`, but Terraform then ignores
   * the count (`lifecycle.ignore_changes = [desired_count]`), so an apply never resets what the
   * scaler chose.
   * @default false
   */
  readonly desiredCountManagedExternally?: boolean;
  /**
   * Weight of FARGATE_SPOT against FARGATE, an integer 0–10. 0 runs every task on FARGATE
   * (`launch_type`). Above 0 the service uses a capacity provider strategy instead: FARGATE with
   * base 1 and weight 1 (one task always on demand), FARGATE_SPOT with this weight, so of the
   * tasks beyond the first about weight/(weight + 1) run on Spot; the cluster gets both providers.
   * Spot tasks can be reclaimed with two minutes' notice.
   *
   * Changing between 0 and a positive weight on an existing service REPLACES it (delete, then
   * create: an outage): hashicorp/aws 5.x forces a new service when the strategy goes from none to
   * some, or back. Choose before the service is created, or plan it as a maintenance change.
   * Changing one positive weight to another is an in-place rolling deployment (the service sets
   * `force_new_deployment`, so any in-place update of it rolls the tasks).
   * @default 0
   */
  readonly fargateSpotWeight?: number;
  /**
   * Turn on ECS Exec (`enable_execute_command`). The task role then needs
   * {@link ecsExecGrants} (ecs-exec.ts) and the tasks a route to `ssmmessages`. ECS Exec's SSM
   * agent writes inside the container, so it needs `readonlyRootFilesystem: false`.
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
  /**
   * Create the log group Container Insights writes to (`/aws/ecs/containerinsights/<cluster>/performance`)
   * before the cluster, with this retention and key. Container Insights would otherwise create it
   * on first write, unencrypted and kept forever. Leave it out where the group already exists (an
   * existing cluster, whose Container Insights created it): creating it again would fail.
   * @default none: Container Insights creates the group itself
   */
  readonly insightsLogGroup?: { readonly retentionDays: number; readonly kmsKeyArn?: string };
  /**
   * The apply waits until the service's deployment is stable (`wait_for_steady_state`), so the
   * release postcondition reads the task definition the service ends up running: the new one,
   * or the old one after the deployment circuit breaker rolled a failed release back (see
   * release-verification.ts). Off only where tasks never start.
   * @default true
   */
  readonly waitForSteadyState?: boolean;
  /** Resources the service waits for (the listener that attaches the target group). */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The ECS cluster, the task definition and the Fargate service: awsvpc networking in private
 * subnets without public IPs, secrets injected from Secrets Manager, logs to CloudWatch, tasks
 * registered in the load balancer's target group.
 */
export class FargateService extends Construct {
  /** What an operator needs after a deploy (a stack exports them). */
  public readonly outputs: Outputs;
  public readonly cluster: EcsCluster;
  /** The Container Insights performance log group, when `insightsLogGroup` is given. */
  public readonly insightsLogGroup?: CloudwatchLogGroup;
  public readonly taskDefinition: EcsTaskDefinition;
  public readonly service: EcsService;
  /** The cluster's FARGATE and FARGATE_SPOT capacity providers; set when `fargateSpotWeight` > 0. */
  public readonly capacityProviders?: EcsClusterCapacityProviders;

  public constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    if (!Number.isInteger(props.desiredCount) || props.desiredCount < 1) {
      throw new Error(`FargateService ${id}: desiredCount must be an integer ≥ 1 (got ${props.desiredCount}).`);
    }
    const spotWeight = props.fargateSpotWeight ?? 0;
    if (!Number.isInteger(spotWeight) || spotWeight < 0 || spotWeight > MAX_FARGATE_SPOT_WEIGHT) {
      throw new Error(
        `FargateService ${id}: fargateSpotWeight must be an integer 0–${MAX_FARGATE_SPOT_WEIGHT} (got ${spotWeight}); 0 turns Spot off.`,
      );
    }
    const executeCommand = props.enableExecuteCommand ?? false;
    const externalDesiredCount = props.desiredCountManagedExternally ?? false;
    const secretNames = new Set((props.secrets ?? []).map((s) => s.name));
    const clash = Object.keys(props.environment ?? {}).find((k) => secretNames.has(k));
    if (clash) {
      throw new Error(`FargateService ${id}: "${clash}" is both a plain environment variable and a secret; keep only the secret.`);
    }
    const readonlyRoot = props.readonlyRootFilesystem ?? true;
    if (executeCommand && readonlyRoot) {
      throw new Error(
        `FargateService ${id}: enableExecuteCommand needs a writable root filesystem (got readonlyRootFilesystem ${readonlyRoot}): ` +
          `ECS Exec's SSM agent writes inside the container. Set readonlyRootFilesystem: false, or leave enableExecuteCommand off.`,
      );
    }

    if (props.insightsLogGroup) {
      this.insightsLogGroup = new CloudwatchLogGroup(this, 'insights-log-group', {
        name: containerInsightsLogGroupName(props.clusterName),
        retentionInDays: props.insightsLogGroup.retentionDays,
        kmsKeyId: props.insightsLogGroup.kmsKeyArn,
      });
    }
    this.cluster = new EcsCluster(this, 'cluster', {
      name: props.clusterName,
      setting: [{ name: 'containerInsights', value: 'enabled' }],
      // Container Insights must find its group in place, or it creates one (unencrypted, kept forever).
      dependsOn: this.insightsLogGroup ? [this.insightsLogGroup] : undefined,
    });

    const environment = Object.entries(props.environment ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => ({ name, value }));

    const container = {
      name: props.containerName,
      image: props.image,
      essential: true,
      portMappings: [{ name: 'http', containerPort: props.containerPort, hostPort: props.containerPort, protocol: 'tcp' }],
      environment,
      secrets: (props.secrets ?? []).map((s) => ({ name: s.name, valueFrom: s.valueFrom })),
      readonlyRootFilesystem: readonlyRoot,
      user: props.user ?? '1000:1000',
      privileged: false,
      mountPoints: readonlyRoot ? [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }] : [],
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': props.logGroupName,
          'awslogs-region': props.region,
          'awslogs-stream-prefix': props.containerName,
        },
      },
      stopTimeout: CONTAINER_STOP_TIMEOUT_SECONDS,
    };

    this.taskDefinition = new EcsTaskDefinition(this, 'task-definition', {
      family: props.taskFamily,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: String(props.cpu),
      memory: String(props.memory),
      executionRoleArn: props.executionRoleArn,
      taskRoleArn: props.taskRoleArn,
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
      volume: readonlyRoot ? [{ name: 'tmp' }] : undefined,
      containerDefinitions: JSON.stringify([container]),
      // A new revision leaves the previous one registered (hashicorp/aws otherwise deregisters it
      // before registering the new one), so the circuit breaker and an operator can roll back to it.
      skipDestroy: true,
    });

    if (spotWeight > 0) {
      this.capacityProviders = new EcsClusterCapacityProviders(this, 'capacity-providers', {
        clusterName: this.cluster.name,
        capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      });
    }

    this.service = new EcsService(this, 'service', {
      name: props.serviceName,
      cluster: this.cluster.arn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: props.desiredCount,
      ...(this.capacityProviders
        ? {
            capacityProviderStrategy: [
              { capacityProvider: 'FARGATE', base: 1, weight: 1 },
              { capacityProvider: 'FARGATE_SPOT', weight: spotWeight },
            ],
            // Without it, hashicorp/aws 5.x replaces the service on any change to the strategy;
            // with it, a weight change is applied in place as a rolling deployment. Side effect:
            // every in-place update of the service also starts a new deployment (rolls the tasks).
            forceNewDeployment: true,
          }
        : { launchType: 'FARGATE' }),
      platformVersion: props.platformVersion ?? 'LATEST',
      networkConfiguration: {
        subnets: [...props.subnetIds],
        securityGroups: [...props.securityGroupIds],
        assignPublicIp: false,
      },
      loadBalancer: [{ targetGroupArn: props.targetGroupArn, containerName: props.containerName, containerPort: props.containerPort }],
      healthCheckGracePeriodSeconds: props.healthCheckGracePeriodSeconds ?? 60,
      deploymentMinimumHealthyPercent: DEPLOYMENT_MINIMUM_HEALTHY_PERCENT,
      deploymentMaximumPercent: DEPLOYMENT_MAXIMUM_PERCENT,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      propagateTags: 'SERVICE',
      enableEcsManagedTags: true,
      // Spread tasks back across AZs after an AZ recovers or tasks were placed unevenly.
      availabilityZoneRebalancing: 'ENABLED',
      enableExecuteCommand: executeCommand,
      waitForSteadyState: props.waitForSteadyState ?? true,
      // The strategy may only name providers already associated with the cluster.
      dependsOn: this.capacityProviders ? [...(props.dependsOn ?? []), this.capacityProviders] : props.dependsOn,
      lifecycle: {
        // desired_count is set on create; afterwards Application Auto Scaling owns it.
        ...(externalDesiredCount ? { ignoreChanges: ['desired_count'] } : {}),
        postcondition: [releasePostcondition(props, this.taskDefinition)],
      },
    });
    this.outputs = {
      ecs_cluster_name: { value: this.cluster.name, description: 'ECS cluster.' },
      ecs_service_name: { value: this.service.name, description: 'ECS service.' },
    };
  }
}
