import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

export interface ServiceScalingProps {
  /** ECS cluster name (pass the cluster's `name` attribute so the target waits for it). */
  readonly clusterName: string;
  /** ECS service name (pass the service's `name` attribute so the target waits for it). */
  readonly serviceName: string;
  /** The ALB's `arn_suffix`, `app/<name>/<id>`. */
  readonly loadBalancerArnSuffix: string;
  /** The target group's `arn_suffix`, `targetgroup/<name>/<id>`. */
  readonly targetGroupArnSuffix: string;
  /** Fewest tasks the scaler keeps, an integer ≥ 1. */
  readonly minCapacity: number;
  /** Most tasks the scaler runs, an integer ≥ minCapacity. */
  readonly maxCapacity: number;
  /**
   * Average service CPU utilization (%) the CPU policy keeps the service at, in (0, 100].
   * @default 60
   */
  readonly cpuTargetPercent?: number;
  /**
   * ALB requests per task per minute (ALBRequestCountPerTarget, a one-minute sum) the request
   * policy keeps the service at, > 0.
   * @default 1000
   */
  readonly requestsPerTargetPerMinute?: number;
  /**
   * Seconds after a scale-in before another scale-in may start, ≥ 0.
   * @default 300
   */
  readonly scaleInCooldownSeconds?: number;
  /**
   * Seconds after a scale-out before another scale-out may start, ≥ 0.
   * @default 60
   */
  readonly scaleOutCooldownSeconds?: number;
}

/** The scaling dimension of an ECS service's task count. */
export const ECS_DESIRED_COUNT_DIMENSION = 'ecs:service:DesiredCount';

/**
 * Application Auto Scaling for the ECS service: a scalable target on its desired count and two
 * target-tracking policies, average CPU and ALB requests per target. With several target-tracking
 * policies, the service scales out when any policy asks for more tasks and scales in only when all
 * of them allow it.
 *
 * The service must leave its desired count to the scaler: create FargateService with
 * `desiredCountManagedExternally: true`, or every apply resets the count.
 */
export class ServiceScaling extends Construct {
  public readonly target: AppautoscalingTarget;
  public readonly cpuPolicy: AppautoscalingPolicy;
  public readonly requestCountPolicy: AppautoscalingPolicy;

  public constructor(scope: Construct, id: string, props: ServiceScalingProps) {
    super(scope, id);
    const cpuTarget = props.cpuTargetPercent ?? 60;
    const requestTarget = props.requestsPerTargetPerMinute ?? 1000;
    const scaleInCooldown = props.scaleInCooldownSeconds ?? 300;
    const scaleOutCooldown = props.scaleOutCooldownSeconds ?? 60;

    if (!Number.isInteger(props.minCapacity) || props.minCapacity < 1) {
      throw new Error(`ServiceScaling ${id}: minCapacity must be an integer ≥ 1 (got ${props.minCapacity}).`);
    }
    if (!Number.isInteger(props.maxCapacity) || props.maxCapacity < props.minCapacity) {
      throw new Error(
        `ServiceScaling ${id}: maxCapacity must be an integer ≥ minCapacity ${props.minCapacity} (got ${props.maxCapacity}).`,
      );
    }
    if (!(cpuTarget > 0 && cpuTarget <= 100)) {
      throw new Error(`ServiceScaling ${id}: cpuTargetPercent must be greater than 0 and at most 100 (got ${cpuTarget}).`);
    }
    if (!(requestTarget > 0) || !Number.isFinite(requestTarget)) {
      throw new Error(`ServiceScaling ${id}: requestsPerTargetPerMinute must be greater than 0 (got ${requestTarget}).`);
    }
    for (const [name, value] of [
      ['scaleInCooldownSeconds', scaleInCooldown],
      ['scaleOutCooldownSeconds', scaleOutCooldown],
    ] as const) {
      if (!Number.isInteger(value) || value < 0) {
        throw new Error(`ServiceScaling ${id}: ${name} must be an integer ≥ 0 (got ${value}).`);
      }
    }
    for (const [name, value, prefix, example] of [
      ['loadBalancerArnSuffix', props.loadBalancerArnSuffix, 'app/', 'app/fintech-alb/50dc6c495c0c9188'],
      ['targetGroupArnSuffix', props.targetGroupArnSuffix, 'targetgroup/', 'targetgroup/fintech-api-tg/73e2d6bc24d8a067'],
    ] as const) {
      if (!Token.isUnresolved(value) && !value.startsWith(prefix)) {
        throw new Error(
          `ServiceScaling ${id}: ${name} must be an arn_suffix such as "${example}", not a full ARN or name (got "${value}").`,
        );
      }
    }

    this.target = new AppautoscalingTarget(this, 'target', {
      serviceNamespace: 'ecs',
      scalableDimension: ECS_DESIRED_COUNT_DIMENSION,
      resourceId: `service/${props.clusterName}/${props.serviceName}`,
      minCapacity: props.minCapacity,
      maxCapacity: props.maxCapacity,
      // No role_arn: Application Auto Scaling uses its ECS service-linked role.
    });

    // The policies take the target's attributes, so Terraform creates them after it.
    const onTarget = {
      serviceNamespace: this.target.serviceNamespace,
      scalableDimension: this.target.scalableDimension,
      resourceId: this.target.resourceId,
      policyType: 'TargetTrackingScaling',
    };
    const cooldowns = { scaleInCooldown, scaleOutCooldown, disableScaleIn: false };

    this.cpuPolicy = new AppautoscalingPolicy(this, 'cpu-policy', {
      ...onTarget,
      name: `${props.serviceName}-cpu-target-tracking`,
      targetTrackingScalingPolicyConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        targetValue: cpuTarget,
        ...cooldowns,
      },
    });

    this.requestCountPolicy = new AppautoscalingPolicy(this, 'request-count-policy', {
      ...onTarget,
      name: `${props.serviceName}-requests-target-tracking`,
      targetTrackingScalingPolicyConfiguration: {
        predefinedMetricSpecification: {
          predefinedMetricType: 'ALBRequestCountPerTarget',
          resourceLabel: `${props.loadBalancerArnSuffix}/${props.targetGroupArnSuffix}`,
        },
        targetValue: requestTarget,
        ...cooldowns,
      },
    });
  }
}
