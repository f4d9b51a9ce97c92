import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Construct } from 'constructs';
import { healthCheckTimingProblem, LOAD_BALANCER_NAME_MAX_LENGTH } from '../shared/limits';
import type { Outputs } from '../shared/outputs';

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
  /**
   * The origin lock: only requests carrying this header with one of these values are forwarded;
   * the listener answers everything else with a fixed 403.
   * @default none: the listener forwards every request
   */
  readonly requiredHeader?: { readonly name: string; readonly values: string[] };
  /** Bucket (and key prefix) for access logs. @default no access logs */
  readonly accessLogs?: { readonly bucket: string; readonly prefix: string };
  /**
   * ACM certificate for an HTTPS listener on 443 (TLS 1.2+ policy); the HTTP listener then
   * redirects to it.
   * @default none: HTTP only
   */
  readonly certificateArn?: string;
}

/** Port of the HTTPS listener (when the load balancer has a certificate). */
export const HTTPS_LISTENER_PORT = 443;

/**
 * Ports CloudFront may connect to the load balancer on: exactly its listeners' — the HTTP
 * listener's, and 443 only when a certificate gives it an HTTPS listener. A port without a
 * listener is an open door to nothing (and, with the prefix list's weight, a security group).
 */
export function originPorts(httpListenerPort: number, httpsListener: boolean): number[] {
  return [httpListenerPort, ...(httpsListener ? [HTTPS_LISTENER_PORT] : [])].filter((p, i, all) => all.indexOf(p) === i);
}

/** TLS policy of the HTTPS listener: TLS 1.2 and 1.3 only, forward-secret ciphers. */
export const HTTPS_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/**
 * The internal Application Load Balancer between CloudFront and the tasks: IPv4, in private
 * subnets, one HTTP listener forwarding to an IP target group with a health check.
 */
export class LoadBalancer extends Construct {
  /** What an operator needs after a deploy (a stack exports them). */
  public readonly outputs: Outputs;
  public readonly loadBalancer: Lb;
  public readonly targetGroup: LbTargetGroup;
  /** The listener CloudFront connects to (HTTPS when a certificate is given, else HTTP). */
  public readonly listener: LbListener;
  /** The HTTP listener (redirects to HTTPS when a certificate is given). */
  public readonly httpListener: LbListener;
  /** Forwards requests that carry the origin header (when `requiredHeader` is set). */
  public readonly forwardRule?: LbListenerRule;

  public constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const hc = props.healthCheck;
    if (!hc.path.startsWith('/')) {
      throw new Error(`LoadBalancer ${id}: healthCheck.path must start with "/" (got "${hc.path}").`);
    }
    if (healthCheckTimingProblem(hc)) {
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
      if (name.length > LOAD_BALANCER_NAME_MAX_LENGTH) {
        throw new Error(
          `LoadBalancer ${id}: ${field} "${name}" has ${name.length} characters; AWS allows at most ${LOAD_BALANCER_NAME_MAX_LENGTH}.`,
        );
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
      accessLogs: props.accessLogs ? { enabled: true, bucket: props.accessLogs.bucket, prefix: props.accessLogs.prefix } : undefined,
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

    const forward = { type: 'forward', targetGroupArn: this.targetGroup.arn };
    const deny = {
      type: 'fixed-response',
      fixedResponse: { contentType: 'text/plain', statusCode: '403', messageBody: 'Forbidden' },
    };
    const entryAction = props.requiredHeader ? deny : forward;
    const httpPort = props.listenerPort ?? 80;

    this.httpListener = new LbListener(this, 'http-listener', {
      loadBalancerArn: this.loadBalancer.arn,
      port: httpPort,
      protocol: 'HTTP',
      defaultAction: [
        props.certificateArn
          ? { type: 'redirect', redirect: { protocol: 'HTTPS', port: String(HTTPS_LISTENER_PORT), statusCode: 'HTTP_301' } }
          : entryAction,
      ],
    });
    this.listener = props.certificateArn
      ? new LbListener(this, 'https-listener', {
          loadBalancerArn: this.loadBalancer.arn,
          port: HTTPS_LISTENER_PORT,
          protocol: 'HTTPS',
          sslPolicy: HTTPS_SSL_POLICY,
          certificateArn: props.certificateArn,
          defaultAction: [entryAction],
        })
      : this.httpListener;

    if (props.requiredHeader) {
      this.forwardRule = new LbListenerRule(this, 'forward-verified-origin', {
        listenerArn: this.listener.arn,
        priority: 10,
        condition: [{ httpHeader: { httpHeaderName: props.requiredHeader.name, values: props.requiredHeader.values } }],
        action: [forward],
      });
    }
    this.outputs = {
      alb_dns_name: { value: this.loadBalancer.dnsName, description: 'Internal ALB (reachable only from CloudFront).' },
    };
  }
}
