import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Testing } from 'cdktf';
import {
  HTTPS_SSL_POLICY,
  LoadBalancer,
  type LoadBalancerHealthCheck,
  type LoadBalancerProps,
} from '../../../../constructs/service/load-balancer';
import { onlyResource, resourcesOf } from '../../../helpers/synth';
import { referenceTo } from '../../../helpers/constructs';

const HEALTH_CHECK: LoadBalancerHealthCheck = {
  path: '/health',
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthyThreshold: 2,
  unhealthyThreshold: 2,
};

const BASE: LoadBalancerProps = {
  name: 'fintech-alb',
  targetGroupName: 'fintech-api-tg',
  vpcId: 'vpc-05ae083309505dd2d',
  subnetIds: ['subnet-01a0ea892bddbe272', 'subnet-01e465ff29dc73d6e'],
  securityGroupIds: ['sg-0alb80', 'sg-0alb443'],
  targetPort: 8080,
  healthCheck: HEALTH_CHECK,
};

const REQUIRED_HEADER = { name: 'X-Origin-Verify', values: ['current-value', 'previous-value'] };
const CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:296674251987:certificate/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d';
const FORBIDDEN = { type: 'fixed-response', fixed_response: { content_type: 'text/plain', status_code: '403', message_body: 'Forbidden' } };

function synthLoadBalancer(overrides: Partial<LoadBalancerProps> = {}): string {
  return Testing.synthScope((scope) => {
    new LoadBalancer(scope, 'load-balancer', { ...BASE, ...overrides });
  });
}

describe('LoadBalancer', () => {
  describe('with the defaults', () => {
    let synth: string;
    beforeAll(() => {
      synth = synthLoadBalancer();
    });

    test('the ALB is internal, application type, IPv4 only', () => {
      expect(synth).toHaveResourceWithProperties(Lb, {
        name: 'fintech-alb',
        internal: true,
        load_balancer_type: 'application',
        ip_address_type: 'ipv4',
      });
    });

    test('the ALB drops invalid header fields and mitigates desync defensively', () => {
      expect(synth).toHaveResourceWithProperties(Lb, {
        drop_invalid_header_fields: true,
        desync_mitigation_mode: 'defensive',
      });
    });

    test('the ALB sits in the given subnets with the given security groups only', () => {
      expect(synth).toHaveResourceWithProperties(Lb, {
        subnets: [...BASE.subnetIds],
        security_groups: [...BASE.securityGroupIds],
      });
    });

    test('deletion protection is on by default', () => {
      expect(synth).toHaveResourceWithProperties(Lb, { enable_deletion_protection: true });
    });

    test('the idle timeout defaults to 60 s', () => {
      expect(synth).toHaveResourceWithProperties(Lb, { idle_timeout: 60 });
    });

    test('cross-zone load balancing is on for the ALB and, by default, for the target group', () => {
      expect(synth).toHaveResourceWithProperties(Lb, { enable_cross_zone_load_balancing: true });
      expect(synth).toHaveResourceWithProperties(LbTargetGroup, { load_balancing_cross_zone_enabled: 'true' });
    });

    test('the target group forwards HTTP to IP targets on the container port in the VPC', () => {
      expect(synth).toHaveResourceWithProperties(LbTargetGroup, {
        name: 'fintech-api-tg',
        protocol: 'HTTP',
        port: 8080,
        target_type: 'ip',
        vpc_id: BASE.vpcId,
      });
    });

    test('the target group health check probes /health every 30 s with a 5 s timeout and 2/2 thresholds', () => {
      expect(synth).toHaveResourceWithProperties(LbTargetGroup, {
        health_check: expect.objectContaining({
          enabled: true,
          path: '/health',
          interval: 30,
          timeout: 5,
          healthy_threshold: 2,
          unhealthy_threshold: 2,
        }),
      });
    });

    test('the health check probes the traffic port over HTTP', () => {
      expect(synth).toHaveResourceWithProperties(LbTargetGroup, {
        health_check: expect.objectContaining({ protocol: 'HTTP', port: 'traffic-port' }),
      });
    });

    test('the health check matcher defaults to 200', () => {
      expect(synth).toHaveResourceWithProperties(LbTargetGroup, {
        health_check: expect.objectContaining({ matcher: '200' }),
      });
    });

    test('the deregistration delay defaults to 30 s', () => {
      expect(synth).toHaveResourceWithProperties(LbTargetGroup, { deregistration_delay: '30' });
    });

    test('one HTTP listener on port 80 (default) forwards to the target group', () => {
      expect(Object.keys(resourcesOf(synth, 'aws_lb_listener'))).toHaveLength(1);
      expect(synth).toHaveResourceWithProperties(LbListener, {
        load_balancer_arn: referenceTo(synth, 'aws_lb', () => true, 'arn'),
        port: 80,
        protocol: 'HTTP',
        default_action: [
          expect.objectContaining({
            type: 'forward',
            target_group_arn: referenceTo(synth, 'aws_lb_target_group', () => true, 'arn'),
          }),
        ],
      });
    });
  });

  test('deletionProtection false turns deletion protection off', () => {
    expect(synthLoadBalancer({ deletionProtection: false })).toHaveResourceWithProperties(Lb, {
      enable_deletion_protection: false,
    });
  });

  test('idleTimeoutSeconds overrides the idle timeout', () => {
    expect(synthLoadBalancer({ idleTimeoutSeconds: 120 })).toHaveResourceWithProperties(Lb, { idle_timeout: 120 });
  });

  test('crossZoneLoadBalancing false turns it off on the target group; the ALB keeps it (always on for ALBs)', () => {
    const synth = synthLoadBalancer({ crossZoneLoadBalancing: false });
    expect(synth).toHaveResourceWithProperties(LbTargetGroup, { load_balancing_cross_zone_enabled: 'false' });
    expect(synth).toHaveResourceWithProperties(Lb, { enable_cross_zone_load_balancing: true });
  });

  test('healthCheck.matcher overrides the healthy status codes', () => {
    const synth = synthLoadBalancer({ healthCheck: { ...HEALTH_CHECK, matcher: '200-299' } });
    expect(synth).toHaveResourceWithProperties(LbTargetGroup, {
      health_check: expect.objectContaining({ matcher: '200-299' }),
    });
  });

  test('deregistrationDelaySeconds overrides the drain time', () => {
    expect(synthLoadBalancer({ deregistrationDelaySeconds: 10 })).toHaveResourceWithProperties(LbTargetGroup, {
      deregistration_delay: '10',
    });
  });

  test('listenerPort moves the HTTP listener', () => {
    const synth = synthLoadBalancer({ listenerPort: 8081 });
    expect(synth).toHaveResourceWithProperties(LbListener, { port: 8081, protocol: 'HTTP' });
    expect(synth).not.toHaveResourceWithProperties(LbListener, { port: 80 });
  });

  test('rejects a health check path without a leading "/", naming it', () => {
    expect(() => synthLoadBalancer({ healthCheck: { ...HEALTH_CHECK, path: 'health' } })).toThrow(
      /healthCheck\.path must start with "\/" \(got "health"\)/,
    );
  });

  test.each([
    [30, 30],
    [31, 30],
  ])('rejects a health check timeout of %p s with an interval of %p s, naming both', (timeout, interval) => {
    expect(() => synthLoadBalancer({ healthCheck: { ...HEALTH_CHECK, timeoutSeconds: timeout, intervalSeconds: interval } })).toThrow(
      new RegExp(`timeoutSeconds \\(${timeout}\\) must be less than intervalSeconds \\(${interval}\\)`),
    );
  });

  test('rejects fewer than two subnets, naming the count', () => {
    expect(() => synthLoadBalancer({ subnetIds: ['subnet-01a0ea892bddbe272'] })).toThrow(/subnets in at least two AZs \(got 1\)/);
  });

  test('rejects a load balancer name over 32 characters', () => {
    expect(() => synthLoadBalancer({ name: 'a'.repeat(33) })).toThrow(/name "a{33}" has 33 characters; AWS allows at most 32/);
  });

  test('rejects a target group name over 32 characters', () => {
    expect(() => synthLoadBalancer({ targetGroupName: 't'.repeat(33) })).toThrow(/targetGroupName "t{33}" has 33 characters/);
  });

  test('accepts names of exactly 32 characters', () => {
    expect(synthLoadBalancer({ name: 'a'.repeat(32), targetGroupName: 't'.repeat(32) })).toHaveResourceWithProperties(Lb, {
      name: 'a'.repeat(32),
    });
  });

  describe('with requiredHeader (the origin lock)', () => {
    let synth: string;
    beforeAll(() => {
      synth = synthLoadBalancer({ requiredHeader: REQUIRED_HEADER });
    });

    test('the listener answers requests without the header with a fixed 403', () => {
      expect(synth).toHaveResourceWithProperties(LbListener, { port: 80, protocol: 'HTTP', default_action: [FORBIDDEN] });
    });

    test('the listener does not forward by default', () => {
      expect(synth).not.toHaveResourceWithProperties(LbListener, {
        default_action: [expect.objectContaining({ type: 'forward' })],
      });
    });

    test('a listener rule (priority 10) on the listener forwards requests carrying one of the accepted header values', () => {
      expect(synth).toHaveResourceWithProperties(LbListenerRule, {
        listener_arn: referenceTo(synth, 'aws_lb_listener', () => true, 'arn'),
        priority: 10,
        condition: [{ http_header: { http_header_name: 'X-Origin-Verify', values: ['current-value', 'previous-value'] } }],
        action: [
          expect.objectContaining({
            type: 'forward',
            target_group_arn: referenceTo(synth, 'aws_lb_target_group', () => true, 'arn'),
          }),
        ],
      });
    });

    test('the forward rule is the only listener rule', () => {
      expect(Object.keys(resourcesOf(synth, 'aws_lb_listener_rule'))).toHaveLength(1);
    });

    test('exposes the forward rule', () => {
      let lb!: LoadBalancer;
      Testing.synthScope((scope) => {
        lb = new LoadBalancer(scope, 'load-balancer', { ...BASE, requiredHeader: REQUIRED_HEADER });
      });
      expect(lb.forwardRule).toBeInstanceOf(LbListenerRule);
    });
  });

  test('without requiredHeader there is no listener rule and no forward rule', () => {
    let lb!: LoadBalancer;
    const synth = Testing.synthScope((scope) => {
      lb = new LoadBalancer(scope, 'load-balancer', BASE);
    });
    expect(synth).not.toHaveResource(LbListenerRule);
    expect(lb.forwardRule).toBeUndefined();
  });

  test('without a certificate the HTTP listener is the listener CloudFront connects to', () => {
    let lb!: LoadBalancer;
    Testing.synthScope((scope) => {
      lb = new LoadBalancer(scope, 'load-balancer', BASE);
    });
    expect(lb.listener).toBe(lb.httpListener);
  });

  test('by default the ALB writes no access logs', () => {
    expect(onlyResource(synthLoadBalancer(), 'aws_lb').access_logs).toBeUndefined();
  });

  test('accessLogs enables access logs to the bucket under the prefix', () => {
    expect(
      synthLoadBalancer({ accessLogs: { bucket: 'fintech-production-access-logs-296674251987', prefix: 'alb' } }),
    ).toHaveResourceWithProperties(Lb, {
      access_logs: { enabled: true, bucket: 'fintech-production-access-logs-296674251987', prefix: 'alb' },
    });
  });

  describe('with certificateArn', () => {
    let synth: string;
    const httpsListener = (r: Record<string, unknown>) => r.protocol === 'HTTPS';
    beforeAll(() => {
      synth = synthLoadBalancer({ certificateArn: CERTIFICATE_ARN, requiredHeader: REQUIRED_HEADER });
    });

    test('adds an HTTPS listener on 443 with the certificate and the TLS 1.2+/1.3 policy', () => {
      expect(HTTPS_SSL_POLICY).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
      expect(synth).toHaveResourceWithProperties(LbListener, {
        load_balancer_arn: referenceTo(synth, 'aws_lb', () => true, 'arn'),
        port: 443,
        protocol: 'HTTPS',
        certificate_arn: CERTIFICATE_ARN,
        ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      });
    });

    test('the HTTP listener redirects to HTTPS on 443 (HTTP_301)', () => {
      expect(synth).toHaveResourceWithProperties(LbListener, {
        port: 80,
        protocol: 'HTTP',
        default_action: [
          expect.objectContaining({
            type: 'redirect',
            redirect: expect.objectContaining({ protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' }),
          }),
        ],
      });
    });

    test('with requiredHeader the HTTPS listener answers requests without the header with a fixed 403', () => {
      expect(synth).toHaveResourceWithProperties(LbListener, { protocol: 'HTTPS', default_action: [FORBIDDEN] });
    });

    test('the forward rule sits on the HTTPS listener', () => {
      expect(synth).toHaveResourceWithProperties(LbListenerRule, {
        listener_arn: referenceTo(synth, 'aws_lb_listener', httpsListener, 'arn'),
      });
    });

    test('the listener CloudFront connects to is the HTTPS listener', () => {
      let lb!: LoadBalancer;
      Testing.synthScope((scope) => {
        lb = new LoadBalancer(scope, 'load-balancer', { ...BASE, certificateArn: CERTIFICATE_ARN });
      });
      expect(lb.listener).not.toBe(lb.httpListener);
      expect(lb.listener.protocolInput).toBe('HTTPS');
    });

    test('without requiredHeader the HTTPS listener forwards to the target group', () => {
      const synth2 = synthLoadBalancer({ certificateArn: CERTIFICATE_ARN });
      expect(synth2).toHaveResourceWithProperties(LbListener, {
        protocol: 'HTTPS',
        default_action: [
          expect.objectContaining({
            type: 'forward',
            target_group_arn: referenceTo(synth2, 'aws_lb_target_group', () => true, 'arn'),
          }),
        ],
      });
    });
  });

  test('by default there is no HTTPS listener', () => {
    expect(synthLoadBalancer()).not.toHaveResourceWithProperties(LbListener, { protocol: 'HTTPS' });
  });
});
