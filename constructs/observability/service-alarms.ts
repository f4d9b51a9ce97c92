import {
  CloudwatchMetricAlarm,
  type CloudwatchMetricAlarmConfig,
  type CloudwatchMetricAlarmMetricQuery,
} from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import type { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ALARM_PERCENT_MAX } from '../shared/limits';
import { addAlarmTopic, type AlarmSubscription } from './alarm-topic';

export { cloudWatchAlarmsKeyStatement, type AlarmSubscription, type AlarmSubscriptionProtocol } from './alarm-topic';
import type { Outputs } from '../shared/outputs';

/** The only region CloudFront publishes its metrics to. */
export const CLOUDFRONT_METRICS_REGION = 'us-east-1';

export interface ServiceAlarmsProps {
  /** Prefix of the topic, key alias and alarm names, e.g. `fintech-production`. */
  readonly namePrefix: string;
  /** Region of the stack's provider. Must be us-east-1: the CloudFront alarm lives with its metric. */
  readonly region: string;
  /** Account ID (for the topic key's policy). */
  readonly account: string;
  readonly clusterName: string;
  readonly serviceName: string;
  /** The ALB's `arn_suffix`, `app/<name>/<id>`. */
  readonly loadBalancerArnSuffix: string;
  /** The target group's `arn_suffix`, `targetgroup/<name>/<id>`. */
  readonly targetGroupArnSuffix: string;
  /** The CloudFront distribution's ID. */
  readonly distributionId: string;
  /**
   * Customer-managed key that encrypts the topic. Its key policy must let CloudWatch use it
   * (see {@link cloudWatchAlarmsKeyStatement}), or no alarm notification is ever delivered. The
   * AWS-managed `alias/aws/sns` is refused: its policy cannot admit CloudWatch.
   * @default a key created here for the topic, with that policy
   */
  readonly kmsKeyArn?: string;
  /** @default [] (no subscription) */
  readonly subscriptions?: readonly AlarmSubscription[];
  /**
   * Length of one evaluated period (s): 60 or a multiple of 60 (ALB, ECS and CloudFront publish
   * one-minute metrics).
   * @default 60
   */
  readonly periodSeconds?: number;
  /**
   * Periods each alarm looks at.
   * @default 5
   */
  readonly evaluationPeriods?: number;
  /**
   * Breaching periods, out of `evaluationPeriods`, that set an alarm off (M of N).
   * @default 3
   */
  readonly datapointsToAlarm?: number;
  /**
   * ALB-generated 5xx as a percentage of requests, above which the alarm fires.
   * @default 1
   */
  readonly loadBalancer5xxRatePercent?: number;
  /**
   * Target (application) 5xx as a percentage of the target group's requests, above which the alarm fires.
   * @default 1
   */
  readonly target5xxRatePercent?: number;
  /**
   * p99 target response time (s) above which the alarm fires.
   * @default 1
   */
  readonly p99ResponseTimeSeconds?: number;
  /**
   * Average service CPU utilization (%) above which the alarm fires.
   * @default 80
   */
  readonly cpuUtilizationPercent?: number;
  /**
   * Average service memory utilization (%) above which the alarm fires.
   * @default 80
   */
  readonly memoryUtilizationPercent?: number;
  /**
   * CloudFront 5xx error rate (% of viewer requests) above which the alarm fires.
   * @default 5
   */
  readonly cloudFront5xxRatePercent?: number;
}

/**
 * The service's alarms and where they notify: an encrypted SNS topic with its subscriptions, and
 * CloudWatch alarms on the ALB (ELB and target 5xx rates, unhealthy hosts, p99 latency), the ECS
 * service (CPU, memory, running below desired tasks) and CloudFront (5xx error rate). Every alarm
 * notifies the topic when it fires and when it recovers.
 *
 * Missing data: where no datapoint means no traffic (rates, latency), it counts as not breaching;
 * where the metric is always published (host counts, utilization, task counts), a gap keeps the
 * alarm's state (`missing`).
 */
export class ServiceAlarms extends Construct {
  /** What an operator needs after a deploy (a stack exports them). */
  public readonly outputs: Outputs;
  public readonly topic: SnsTopic;
  /** The topic's key, when none was given. */
  public readonly topicKey?: KmsKey;
  public readonly topicKeyAlias?: KmsAlias;
  public readonly subscriptions: SnsTopicSubscription[];
  public readonly loadBalancer5xxRate: CloudwatchMetricAlarm;
  public readonly target5xxRate: CloudwatchMetricAlarm;
  public readonly unhealthyHosts: CloudwatchMetricAlarm;
  public readonly p99ResponseTime: CloudwatchMetricAlarm;
  public readonly cpuUtilization: CloudwatchMetricAlarm;
  public readonly memoryUtilization: CloudwatchMetricAlarm;
  public readonly tasksBelowDesired: CloudwatchMetricAlarm;
  public readonly cloudFront5xxRate: CloudwatchMetricAlarm;

  public constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const prefix = props.namePrefix;
    const period = props.periodSeconds ?? 60;
    const evaluationPeriods = props.evaluationPeriods ?? 5;
    const datapointsToAlarm = props.datapointsToAlarm ?? 3;
    const subscriptions = props.subscriptions ?? [];
    const thresholds = {
      loadBalancer5xxRatePercent: props.loadBalancer5xxRatePercent ?? 1,
      target5xxRatePercent: props.target5xxRatePercent ?? 1,
      cpuUtilizationPercent: props.cpuUtilizationPercent ?? 80,
      memoryUtilizationPercent: props.memoryUtilizationPercent ?? 80,
      cloudFront5xxRatePercent: props.cloudFront5xxRatePercent ?? 5,
    };
    const p99Seconds = props.p99ResponseTimeSeconds ?? 1;

    // CloudFront publishes its metrics in us-east-1 only, and an alarm can only watch a metric of
    // its own region: created anywhere else, the CloudFront alarm would never see a datapoint.
    if (!Token.isUnresolved(props.region) && props.region !== CLOUDFRONT_METRICS_REGION) {
      throw new Error(
        `ServiceAlarms ${id}: region must be ${CLOUDFRONT_METRICS_REGION}, where CloudFront publishes its metrics (got "${props.region}"); ` +
          `create these alarms with a ${CLOUDFRONT_METRICS_REGION} provider.`,
      );
    }
    if (!Number.isInteger(period) || period < 60 || period % 60 !== 0) {
      throw new Error(`ServiceAlarms ${id}: periodSeconds must be 60 or a multiple of 60 (got ${period}).`);
    }
    if (!Number.isInteger(evaluationPeriods) || evaluationPeriods < 1 || evaluationPeriods * period > 86_400) {
      throw new Error(
        `ServiceAlarms ${id}: evaluationPeriods must be an integer ≥ 1 spanning at most one day (got ${evaluationPeriods} × ${period} s).`,
      );
    }
    if (!Number.isInteger(datapointsToAlarm) || datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
      throw new Error(`ServiceAlarms ${id}: datapointsToAlarm must be an integer 1–${evaluationPeriods} (got ${datapointsToAlarm}).`);
    }
    for (const [name, value] of Object.entries(thresholds)) {
      if (!(value > 0 && value <= ALARM_PERCENT_MAX)) {
        throw new Error(`ServiceAlarms ${id}: ${name} must be greater than 0 and at most ${ALARM_PERCENT_MAX} (got ${value}).`);
      }
    }
    if (!(p99Seconds > 0) || !Number.isFinite(p99Seconds)) {
      throw new Error(`ServiceAlarms ${id}: p99ResponseTimeSeconds must be greater than 0 (got ${p99Seconds}).`);
    }
    const alarmTopic = addAlarmTopic(this, {
      errorPrefix: `ServiceAlarms ${id}`,
      namePrefix: prefix,
      region: props.region,
      account: props.account,
      kmsKeyArn: props.kmsKeyArn,
      subscriptions,
    });
    this.topic = alarmTopic.topic;
    this.topicKey = alarmTopic.key?.key;
    this.topicKeyAlias = alarmTopic.key?.alias;
    this.subscriptions = alarmTopic.subscriptions;

    // --- Alarms ---------------------------------------------------------------------------
    const alb = { LoadBalancer: props.loadBalancerArnSuffix };
    const targetGroup = { LoadBalancer: props.loadBalancerArnSuffix, TargetGroup: props.targetGroupArnSuffix };
    const ecsService = { ClusterName: props.clusterName, ServiceName: props.serviceName };
    const common = {
      evaluationPeriods,
      datapointsToAlarm,
      alarmActions: [this.topic.arn],
      okActions: [this.topic.arn],
      comparisonOperator: 'GreaterThanThreshold',
    };
    const alarm = (
      constructId: string,
      suffix: string,
      config: Omit<CloudwatchMetricAlarmConfig, 'alarmName' | keyof typeof common>,
    ): CloudwatchMetricAlarm => new CloudwatchMetricAlarm(this, constructId, { alarmName: `${prefix}-${suffix}`, ...common, ...config });
    const metric = (
      queryId: string,
      namespace: string,
      metricName: string,
      dimensions: Record<string, string>,
      stat: string,
    ): CloudwatchMetricAlarmMetricQuery => ({
      id: queryId,
      metric: { namespace, metricName, dimensions, period, stat },
      returnData: false,
    });

    // RequestCount counts only requests for which the ALB chose a target: a 503 because no target
    // is healthy is not in it. The ELB 5xx are therefore added to the denominator, so a complete
    // outage reads 100 % instead of dividing by zero (no datapoint, no alarm). FILL turns the
    // periods without any 5xx (the metric is only published when non-zero) into 0 %.
    this.loadBalancer5xxRate = alarm('alb-5xx-rate', 'alb-5xx-rate', {
      alarmDescription: `ALB-generated 5xx above ${thresholds.loadBalancer5xxRatePercent} % of requests (no healthy target, target timeouts or resets).`,
      threshold: thresholds.loadBalancer5xxRatePercent,
      treatMissingData: 'notBreaching',
      metricQuery: [
        metric('elb5xx', 'AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', alb, 'Sum'),
        metric('requests', 'AWS/ApplicationELB', 'RequestCount', alb, 'Sum'),
        {
          id: 'rate',
          expression: '100 * FILL(elb5xx, 0) / (FILL(requests, 0) + FILL(elb5xx, 0))',
          label: 'ALB 5xx (% of requests)',
          returnData: true,
        },
      ],
    });

    this.target5xxRate = alarm('target-5xx-rate', 'target-5xx-rate', {
      alarmDescription: `Application 5xx above ${thresholds.target5xxRatePercent} % of the target group's requests.`,
      threshold: thresholds.target5xxRatePercent,
      treatMissingData: 'notBreaching',
      metricQuery: [
        metric('target5xx', 'AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', targetGroup, 'Sum'),
        metric('requests', 'AWS/ApplicationELB', 'RequestCount', targetGroup, 'Sum'),
        { id: 'rate', expression: '100 * FILL(target5xx, 0) / requests', label: 'Target 5xx (% of requests)', returnData: true },
      ],
    });

    this.unhealthyHosts = alarm('unhealthy-hosts', 'unhealthy-hosts', {
      alarmDescription: 'At least one target of the target group fails its health check.',
      namespace: 'AWS/ApplicationELB',
      metricName: 'UnHealthyHostCount',
      dimensions: targetGroup,
      statistic: 'Maximum',
      period,
      threshold: 0,
      treatMissingData: 'missing',
    });

    this.p99ResponseTime = alarm('p99-response-time', 'p99-response-time', {
      alarmDescription: `p99 target response time above ${p99Seconds} s.`,
      namespace: 'AWS/ApplicationELB',
      metricName: 'TargetResponseTime',
      dimensions: targetGroup,
      extendedStatistic: 'p99',
      period,
      threshold: p99Seconds,
      treatMissingData: 'notBreaching',
      // A p99 over a handful of requests is noise: keep the alarm's state until there are enough.
      evaluateLowSampleCountPercentiles: 'ignore',
    });

    this.cpuUtilization = alarm('cpu-utilization', 'cpu-high', {
      alarmDescription: `Average service CPU above ${thresholds.cpuUtilizationPercent} %.`,
      namespace: 'AWS/ECS',
      metricName: 'CPUUtilization',
      dimensions: ecsService,
      statistic: 'Average',
      period,
      threshold: thresholds.cpuUtilizationPercent,
      treatMissingData: 'missing',
    });

    this.memoryUtilization = alarm('memory-utilization', 'memory-high', {
      alarmDescription: `Average service memory above ${thresholds.memoryUtilizationPercent} %.`,
      namespace: 'AWS/ECS',
      metricName: 'MemoryUtilization',
      dimensions: ecsService,
      statistic: 'Average',
      period,
      threshold: thresholds.memoryUtilizationPercent,
      treatMissingData: 'missing',
    });

    // Compared with the service's own DesiredTaskCount rather than a fixed number, so the alarm
    // stays right when Application Auto Scaling changes the desired count. A scale-out leaves a
    // minute or two below desired while the new tasks start; M of N (3 of 5) absorbs that.
    this.tasksBelowDesired = alarm('tasks-below-desired', 'tasks-below-desired', {
      alarmDescription: 'Fewer tasks running than the service wants (Container Insights RunningTaskCount < DesiredTaskCount).',
      threshold: 0,
      treatMissingData: 'missing',
      metricQuery: [
        metric('running', 'ECS/ContainerInsights', 'RunningTaskCount', ecsService, 'Average'),
        metric('desired', 'ECS/ContainerInsights', 'DesiredTaskCount', ecsService, 'Average'),
        { id: 'missingtasks', expression: 'desired - running', label: 'Tasks missing', returnData: true },
      ],
    });

    this.cloudFront5xxRate = alarm('cloudfront-5xx-rate', 'cloudfront-5xx-rate', {
      alarmDescription: `CloudFront 5xx above ${thresholds.cloudFront5xxRatePercent} % of viewer requests.`,
      namespace: 'AWS/CloudFront',
      metricName: '5xxErrorRate',
      // CloudFront is global; its metrics carry Region=Global and are published in us-east-1.
      dimensions: { DistributionId: props.distributionId, Region: 'Global' },
      statistic: 'Average',
      period,
      threshold: thresholds.cloudFront5xxRatePercent,
      treatMissingData: 'notBreaching',
    });
    this.outputs = { alarm_topic_arn: { value: this.topic.arn, description: 'Subscribe to receive alarms.' } };
  }
}
