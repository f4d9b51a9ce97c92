/**
 * Operations wiring in the delivery stacks: releases by image tag, safe rolling deployments,
 * autoscaling without the desired_count fight, Spot only outside production, ECS Exec opt-in,
 * alarms and the dashboard.
 */
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { environment, onlyResource, resourcesOf, synthDelivery, type SynthJson } from '../../helpers/synth';

interface PolicyStatement {
  actions?: string[];
}

function taskPolicyActions(synth: string): string[] {
  const docs = (JSON.parse(synth) as SynthJson).data?.aws_iam_policy_document ?? {};
  const task = Object.entries(docs).find(([k]) => k.includes('task-policy'))![1];
  return (task.statement as PolicyStatement[]).flatMap((s) => s.actions ?? []);
}

describe('production operations', () => {
  let synth: string;
  beforeAll(() => {
    synth = synthDelivery('production');
  });

  test('a release is a new image_tag: the task image is <repository>:${var.image_tag}', () => {
    const container = JSON.parse(onlyResource(synth, 'aws_ecs_task_definition').container_definitions as string) as { image: string }[];
    expect(container[0]!.image).toMatch(/:\$\{var\.image_tag\}$/);
  });

  test('deployments keep 100 % healthy, surge to 200 %, and roll back on failure', () => {
    expect(synth).toHaveResourceWithProperties(EcsService, {
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
      deployment_circuit_breaker: { enable: true, rollback: true },
      health_check_grace_period_seconds: 60,
      availability_zone_rebalancing: 'ENABLED',
    });
  });

  test('draining tasks are deregistered after 30 s, not the 300 s default', () => {
    expect(synth).toHaveResourceWithProperties(LbTargetGroup, { deregistration_delay: '30' });
  });

  test('autoscaling tracks CPU and ALB requests per target between 3 and 12 tasks', () => {
    expect(synth).toHaveResourceWithProperties(AppautoscalingTarget, {
      min_capacity: 3,
      max_capacity: 12,
      scalable_dimension: 'ecs:service:DesiredCount',
    });
    const metrics = Object.values(resourcesOf(synth, 'aws_appautoscaling_policy')).map(
      (p) =>
        (p.target_tracking_scaling_policy_configuration as { predefined_metric_specification: { predefined_metric_type: string } })
          .predefined_metric_specification.predefined_metric_type,
    );
    expect(metrics.sort()).toEqual(['ALBRequestCountPerTarget', 'ECSServiceAverageCPUUtilization']);
    expect(synth).toHaveResource(AppautoscalingPolicy);
  });

  test('with autoscaling on, Terraform ignores desired_count after creation (no fight with the scaler)', () => {
    expect(synth).toHaveResourceWithProperties(EcsService, {
      desired_count: 3,
      lifecycle: expect.objectContaining({ ignore_changes: ['desired_count'] }),
    });
  });

  test('production runs on FARGATE only (no Spot capacity providers)', () => {
    expect(synth).toHaveResourceWithProperties(EcsService, { launch_type: 'FARGATE' });
    expect(synth).not.toHaveResource(EcsClusterCapacityProviders);
  });

  test('ECS Exec is off: no execute-command, no ssmmessages endpoint, no ssmmessages permissions', () => {
    expect(synth).toHaveResourceWithProperties(EcsService, { enable_execute_command: false });
    expect(synth).not.toHaveResourceWithProperties(VpcEndpoint, { service_name: 'com.amazonaws.us-east-1.ssmmessages' });
    expect(taskPolicyActions(synth).filter((a) => a.startsWith('ssmmessages:'))).toEqual([]);
  });

  test('eight alarms notify one SNS topic', () => {
    const alarms = Object.values(resourcesOf(synth, 'aws_cloudwatch_metric_alarm'));
    expect(alarms).toHaveLength(8);
    for (const alarm of alarms) expect(alarm.alarm_actions).toEqual([expect.stringContaining('aws_sns_topic')]);
    expect(synth).toHaveResource(SnsTopic);
  });

  test('the CloudFront 5xx alarm reads the distribution metric in us-east-1 (Region=Global)', () => {
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'fintech-production-cloudfront-5xx-rate',
      namespace: 'AWS/CloudFront',
      dimensions: expect.objectContaining({ Region: 'Global' }),
    });
  });

  test('a dashboard shows the service', () => {
    expect(synth).toHaveResourceWithProperties(CloudwatchDashboard, { dashboard_name: 'fintech-production-service' });
  });
});

describe('dev operations', () => {
  test('dev mixes in FARGATE_SPOT through a capacity-provider strategy', () => {
    const synth = synthDelivery('dev');
    expect(synth).toHaveResource(EcsClusterCapacityProviders);
    expect(synth).toHaveResourceWithProperties(EcsService, {
      capacity_provider_strategy: expect.arrayContaining([expect.objectContaining({ capacity_provider: 'FARGATE_SPOT', weight: 1 })]),
    });
  });

  test('on the emulator there is no scaling target (gap application-autoscaling) but desired_count is still ignored', () => {
    const synth = synthDelivery('dev', 'emulator');
    expect(synth).not.toHaveResource(AppautoscalingTarget);
    expect(synth).toHaveResourceWithProperties(EcsService, {
      lifecycle: expect.objectContaining({ ignore_changes: expect.arrayContaining(['desired_count']) }),
    });
  });

  test('without autoscaling, Terraform owns desired_count', () => {
    const env = environment('dev');
    const synth = synthDelivery({ ...env, service: { ...env.service, autoscaling: undefined } });
    expect(synth).not.toHaveResource(AppautoscalingTarget);
    expect(onlyResource(synth, 'aws_ecs_service').lifecycle).not.toHaveProperty('ignore_changes');
  });

  test('with ECS Exec on: execute-command, the ssmmessages endpoint and its four permissions, and a writable root filesystem', () => {
    const env = environment('dev');
    const synth = synthDelivery({ ...env, service: { ...env.service, ecsExec: true } });
    expect(synth).toHaveResourceWithProperties(EcsService, { enable_execute_command: true });
    expect(synth).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: 'com.amazonaws.us-east-1.ssmmessages',
      vpc_endpoint_type: 'Interface',
    });
    expect(
      taskPolicyActions(synth)
        .filter((a) => a.startsWith('ssmmessages:'))
        .sort(),
    ).toEqual([
      'ssmmessages:CreateControlChannel',
      'ssmmessages:CreateDataChannel',
      'ssmmessages:OpenControlChannel',
      'ssmmessages:OpenDataChannel',
    ]);
    const container = JSON.parse(onlyResource(synth, 'aws_ecs_task_definition').container_definitions as string) as {
      readonlyRootFilesystem: boolean;
    }[];
    expect(container[0]!.readonlyRootFilesystem).toBe(false);
  });
});
