import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Testing } from 'cdktf';
import { LoadBalancer, type LoadBalancerHealthCheck, type LoadBalancerProps } from '../../../constructs/load-balancer';
import { resourcesOf } from '../../helpers/synth';
import { referenceTo } from './support';

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
});
