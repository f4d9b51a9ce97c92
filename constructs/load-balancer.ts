import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Construct } from 'constructs';

export interface LoadBalancerHealthCheck {
  /** Path the target group probes; must start with `/`. */
  readonly path: string;
  /** 5–300 s. */
  readonly intervalSeconds: number;
  /** 2–120 s, less than the interval. */
  readonly timeoutSeconds: number;
  /** 2–10. */
  readonly healthyThreshold: number;
  /** 2–10. */
  readonly unhealthyThreshold: number;
  /** @default '200' */
  readonly matcher?: string;
}

export interface LoadBalancerProps {
  readonly name: string;
  readonly targetGroupName: string;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  /** Port the targets (containers) listen on. */
  readonly targetPort: number;
  readonly healthCheck: LoadBalancerHealthCheck;
  /**
   * Port of the HTTP listener.
   * @default 80
   */
  readonly listenerPort?: number;
  /**
   * Spread requests across all AZs (always on for ALBs; also set on the target group).
   * @default true
   */
  readonly crossZoneLoadBalancing?: boolean;
  /**
   * Block deletion through the API.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Connection idle timeout (s).
   * @default 60
   */
  readonly idleTimeoutSeconds?: number;
  /**
   * Seconds a draining target keeps serving in-flight requests before it is removed.
   * @default 30 (well below the 300 s AWS default: API requests are short)
   */
  readonly deregistrationDelaySeconds?: number;
}

/**
 * The internal Application Load Balancer between CloudFront and the tasks: IPv4, in private
 * subnets, one HTTP listener forwarding to an IP target group with a health check.
 */
export class LoadBalancer extends Construct {
  public readonly loadBalancer: Lb;
  public readonly targetGroup: LbTargetGroup;
  public readonly listener: LbListener;

  public constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const hc = props.healthCheck;
    if (!hc.path.startsWith('/')) {
      throw new Error(`LoadBalancer ${id}: healthCheck.path must start with "/" (got "${hc.path}").`);
    }
    if (hc.timeoutSeconds >= hc.intervalSeconds) {
      throw new Error(
        `LoadBalancer ${id}: healthCheck.timeoutSeconds (${hc.timeoutSeconds}) must be less than intervalSeconds (${hc.intervalSeconds}).`,
      );
    }
    if (props.subnetIds.length < 2) {
      throw new Error(`LoadBalancer ${id}: an ALB needs subnets in at least two AZs (got ${props.subnetIds.length}).`);
    }
    for (const [field, name] of [
      ['name', props.name],
      ['targetGroupName', props.targetGroupName],
    ] as const) {
      if (name.length > 32) {
        throw new Error(`LoadBalancer ${id}: ${field} "${name}" has ${name.length} characters; AWS allows at most 32.`);
      }
    }
    const crossZone = props.crossZoneLoadBalancing ?? true;

    this.loadBalancer = new Lb(this, 'alb', {
      name: props.name,
      internal: true,
      loadBalancerType: 'application',
      ipAddressType: 'ipv4',
      subnets: [...props.subnetIds],
      securityGroups: [...props.securityGroupIds],
      enableCrossZoneLoadBalancing: true,
      enableDeletionProtection: props.deletionProtection ?? true,
      dropInvalidHeaderFields: true,
      desyncMitigationMode: 'defensive',
      idleTimeout: props.idleTimeoutSeconds ?? 60,
    });

    this.targetGroup = new LbTargetGroup(this, 'target-group', {
      name: props.targetGroupName,
      protocol: 'HTTP',
      port: props.targetPort,
      targetType: 'ip',
      vpcId: props.vpcId,
      deregistrationDelay: String(props.deregistrationDelaySeconds ?? 30),
      loadBalancingCrossZoneEnabled: crossZone ? 'true' : 'false',
      healthCheck: {
        enabled: true,
        protocol: 'HTTP',
        port: 'traffic-port',
        path: hc.path,
        interval: hc.intervalSeconds,
        timeout: hc.timeoutSeconds,
        healthyThreshold: hc.healthyThreshold,
        unhealthyThreshold: hc.unhealthyThreshold,
        matcher: hc.matcher ?? '200',
      },
    });

    this.listener = new LbListener(this, 'http-listener', {
      loadBalancerArn: this.loadBalancer.arn,
      port: props.listenerPort ?? 80,
      protocol: 'HTTP',
      defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
    });
  }
}
