import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { Testing } from 'cdktf';
import { ServiceScaling, type ServiceScalingProps } from '../../../../constructs/service/service-scaling';
import { resourcesOf } from '../../../helpers/synth';
import { referenceTo } from '../../../helpers/constructs';

const ALB_SUFFIX = 'app/fintech-alb/50dc6c495c0c9188';
const TG_SUFFIX = 'targetgroup/fintech-api-tg/73e2d6bc24d8a067';

const BASE: ServiceScalingProps = {
  clusterName: 'fintech-cluster',
  serviceName: 'fintech-api-service',
  loadBalancerArnSuffix: ALB_SUFFIX,
  targetGroupArnSuffix: TG_SUFFIX,
  minCapacity: 3,
  maxCapacity: 12,
};

function synthScaling(overrides: Partial<ServiceScalingProps> = {}): string {
  return Testing.synthScope((scope) => {
    new ServiceScaling(scope, 'scaling', { ...BASE, ...overrides });
  });
}

/** The target-tracking configuration of the policy on `metricType`. */
function trackingOf(synth: string, metricType: string): Record<string, unknown> {
  const policies = Object.values(resourcesOf(synth, 'aws_appautoscaling_policy'))
    .map((p) => p.target_tracking_scaling_policy_configuration as Record<string, unknown>)
    .filter((c) => (c.predefined_metric_specification as { predefined_metric_type: string }).predefined_metric_type === metricType);
  if (policies.length !== 1) throw new Error(`expected one ${metricType} policy, found ${policies.length}`);
  return policies[0]!;
}

describe('ServiceScaling', () => {
  describe('with the defaults', () => {
    let synth: string;
    beforeAll(() => {
      synth = synthScaling();
    });

    test('the scalable target is the ECS service desired count, service/<cluster>/<service>', () => {
      expect(synth).toHaveResourceWithProperties(AppautoscalingTarget, {
        service_namespace: 'ecs',
        scalable_dimension: 'ecs:service:DesiredCount',
        resource_id: 'service/fintech-cluster/fintech-api-service',
      });
    });

    test('the target scales between minCapacity and maxCapacity', () => {
      expect(synth).toHaveResourceWithProperties(AppautoscalingTarget, { min_capacity: 3, max_capacity: 12 });
    });

    test('the target uses the Application Auto Scaling service-linked role (no role_arn)', () => {
      expect(Object.values(resourcesOf(synth, 'aws_appautoscaling_target'))[0]!.role_arn).toBeUndefined();
    });

    test('there are exactly two target-tracking policies, both on the scalable target', () => {
      const policies = Object.values(resourcesOf(synth, 'aws_appautoscaling_policy'));
      expect(policies).toHaveLength(2);
      for (const policy of policies) {
        expect(policy).toEqual(
          expect.objectContaining({
            policy_type: 'TargetTrackingScaling',
            resource_id: referenceTo(synth, 'aws_appautoscaling_target', () => true, 'resource_id'),
            scalable_dimension: referenceTo(synth, 'aws_appautoscaling_target', () => true, 'scalable_dimension'),
            service_namespace: referenceTo(synth, 'aws_appautoscaling_target', () => true, 'service_namespace'),
          }),
        );
      }
    });

    test('the CPU policy tracks average service CPU at 60 % by default', () => {
      expect(synth).toHaveResourceWithProperties(AppautoscalingPolicy, {
        name: 'fintech-api-service-cpu-target-tracking',
        target_tracking_scaling_policy_configuration: expect.objectContaining({
          predefined_metric_specification: { predefined_metric_type: 'ECSServiceAverageCPUUtilization' },
          target_value: 60,
        }),
      });
    });

    test('the request policy tracks ALB requests per target at 1000 by default, labelled <alb suffix>/<target group suffix>', () => {
      expect(synth).toHaveResourceWithProperties(AppautoscalingPolicy, {
        name: 'fintech-api-service-requests-target-tracking',
        target_tracking_scaling_policy_configuration: expect.objectContaining({
          predefined_metric_specification: {
            predefined_metric_type: 'ALBRequestCountPerTarget',
            resource_label: `${ALB_SUFFIX}/${TG_SUFFIX}`,
          },
          target_value: 1000,
        }),
      });
    });

    test('both policies scale in after 300 s and out after 60 s by default, and may scale in', () => {
      for (const metricType of ['ECSServiceAverageCPUUtilization', 'ALBRequestCountPerTarget']) {
        expect(trackingOf(synth, metricType)).toEqual(
          expect.objectContaining({ scale_in_cooldown: 300, scale_out_cooldown: 60, disable_scale_in: false }),
        );
      }
    });
  });

  test('cpuTargetPercent overrides the CPU target', () => {
    expect(trackingOf(synthScaling({ cpuTargetPercent: 45 }), 'ECSServiceAverageCPUUtilization').target_value).toBe(45);
  });

  test('requestsPerTargetPerMinute overrides the request target', () => {
    expect(trackingOf(synthScaling({ requestsPerTargetPerMinute: 250 }), 'ALBRequestCountPerTarget').target_value).toBe(250);
  });

  test('the cooldowns override both policies', () => {
    const synth = synthScaling({ scaleInCooldownSeconds: 600, scaleOutCooldownSeconds: 0 });
    for (const metricType of ['ECSServiceAverageCPUUtilization', 'ALBRequestCountPerTarget']) {
      expect(trackingOf(synth, metricType)).toEqual(expect.objectContaining({ scale_in_cooldown: 600, scale_out_cooldown: 0 }));
    }
  });

  test('minCapacity equal to maxCapacity (a fixed count) is accepted', () => {
    expect(synthScaling({ minCapacity: 3, maxCapacity: 3 })).toHaveResourceWithProperties(AppautoscalingTarget, {
      min_capacity: 3,
      max_capacity: 3,
    });
  });

  test('Terraform references as names and suffixes pass through unvalidated', () => {
    const synth = Testing.synthScope((scope) => {
      const first = new ServiceScaling(scope, 'first', BASE);
      new ServiceScaling(scope, 'second', {
        ...BASE,
        serviceName: 'other-service',
        loadBalancerArnSuffix: first.target.resourceId,
        targetGroupArnSuffix: first.target.scalableDimension,
      });
    });
    expect(Object.keys(resourcesOf(synth, 'aws_appautoscaling_policy'))).toHaveLength(4);
  });

  test.each([0, -1, 1.5])('rejects minCapacity %p, naming it', (minCapacity) => {
    expect(() => synthScaling({ minCapacity })).toThrow(new RegExp(`minCapacity must be an integer ≥ 1 \\(got ${minCapacity}\\)`));
  });

  test.each([2, 3.5])('rejects maxCapacity %p below or beside minCapacity 3, naming both', (maxCapacity) => {
    expect(() => synthScaling({ maxCapacity })).toThrow(
      new RegExp(`maxCapacity must be an integer ≥ minCapacity 3 \\(got ${maxCapacity}\\)`),
    );
  });

  test.each([0, -10, 101])('rejects cpuTargetPercent %p, naming it', (cpuTargetPercent) => {
    expect(() => synthScaling({ cpuTargetPercent })).toThrow(
      new RegExp(`cpuTargetPercent must be greater than 0 and at most 100 \\(got ${cpuTargetPercent}\\)`),
    );
  });

  test.each([0, -1])('rejects requestsPerTargetPerMinute %p, naming it', (requestsPerTargetPerMinute) => {
    expect(() => synthScaling({ requestsPerTargetPerMinute })).toThrow(
      new RegExp(`requestsPerTargetPerMinute must be greater than 0 \\(got ${requestsPerTargetPerMinute}\\)`),
    );
  });

  test.each([
    ['scaleInCooldownSeconds', -1],
    ['scaleOutCooldownSeconds', -60],
    ['scaleOutCooldownSeconds', 0.5],
  ] as const)('rejects %s %p, naming it', (name, value) => {
    expect(() => synthScaling({ [name]: value })).toThrow(new RegExp(`${name} must be an integer ≥ 0 \\(got ${value}\\)`));
  });

  test('rejects a full load balancer ARN where the arn_suffix belongs, naming it', () => {
    const arn = `arn:aws:elasticloadbalancing:us-east-1:296674251987:loadbalancer/${ALB_SUFFIX}`;
    expect(() => synthScaling({ loadBalancerArnSuffix: arn })).toThrow(
      `loadBalancerArnSuffix must be an arn_suffix such as "${ALB_SUFFIX}", not a full ARN or name (got "${arn}")`,
    );
  });

  test('rejects a target group name where the arn_suffix belongs, naming it', () => {
    expect(() => synthScaling({ targetGroupArnSuffix: 'fintech-api-tg' })).toThrow(
      `targetGroupArnSuffix must be an arn_suffix such as "${TG_SUFFIX}", not a full ARN or name (got "fintech-api-tg")`,
    );
  });
});
