import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

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
  /** Resources the service waits for (the listener that attaches the target group). */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The ECS cluster, the task definition and the Fargate service: awsvpc networking in private
 * subnets without public IPs, secrets injected from Secrets Manager, logs to CloudWatch, tasks
 * registered in the load balancer's target group.
 */
export class FargateService extends Construct {
  public readonly cluster: EcsCluster;
  public readonly taskDefinition: EcsTaskDefinition;
  public readonly service: EcsService;

  public constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    if (!Number.isInteger(props.desiredCount) || props.desiredCount < 1) {
      throw new Error(`FargateService ${id}: desiredCount must be an integer ≥ 1 (got ${props.desiredCount}).`);
    }
    const secretNames = new Set((props.secrets ?? []).map((s) => s.name));
    const clash = Object.keys(props.environment ?? {}).find((k) => secretNames.has(k));
    if (clash) {
      throw new Error(`FargateService ${id}: "${clash}" is both a plain environment variable and a secret; keep only the secret.`);
    }
    const readonlyRoot = props.readonlyRootFilesystem ?? true;

    this.cluster = new EcsCluster(this, 'cluster', {
      name: props.clusterName,
      setting: [{ name: 'containerInsights', value: 'enabled' }],
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
      stopTimeout: 30,
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
    });

    this.service = new EcsService(this, 'service', {
      name: props.serviceName,
      cluster: this.cluster.arn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: props.desiredCount,
      launchType: 'FARGATE',
      platformVersion: props.platformVersion ?? 'LATEST',
      networkConfiguration: {
        subnets: [...props.subnetIds],
        securityGroups: [...props.securityGroupIds],
        assignPublicIp: false,
      },
      loadBalancer: [{ targetGroupArn: props.targetGroupArn, containerName: props.containerName, containerPort: props.containerPort }],
      healthCheckGracePeriodSeconds: props.healthCheckGracePeriodSeconds ?? 60,
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      propagateTags: 'SERVICE',
      enableEcsManagedTags: true,
      // Spread tasks back across AZs after an AZ recovers or tasks were placed unevenly.
      availabilityZoneRebalancing: 'ENABLED',
      waitForSteadyState: false,
      dependsOn: props.dependsOn,
    });
  }
}

export interface ServiceLogGroupProps {
  readonly name: string;
  /** Days to keep log events (a CloudWatch Logs retention period). */
  readonly retentionDays: number;
  /** Customer-managed key that encrypts the log events. @default CloudWatch Logs' own encryption */
  readonly kmsKeyArn?: string;
}

/** The container's CloudWatch log group, with retention. */
export class ServiceLogGroup extends Construct {
  public readonly logGroup: CloudwatchLogGroup;

  public constructor(scope: Construct, id: string, props: ServiceLogGroupProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: props.name,
      retentionInDays: props.retentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
  }
}
