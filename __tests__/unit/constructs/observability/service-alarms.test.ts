import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Testing } from 'cdktf';
import { ServiceAlarms, cloudWatchAlarmsKeyStatement, type ServiceAlarmsProps } from '../../../../constructs/observability/service-alarms';
import { resourcesOf } from '../../../helpers/synth';
import { dataReferenceTo, referenceTo, statementsOf } from '../../../helpers/constructs';

const ACCOUNT = '296674251987';
const ALB_SUFFIX = 'app/fintech-alb/50dc6c495c0c9188';
const TG_SUFFIX = 'targetgroup/fintech-api-tg/73e2d6bc24d8a067';
const CMK = 'arn:aws:kms:us-east-1:296674251987:key/1234abcd-12ab-34cd-56ef-1234567890ab';

const BASE: ServiceAlarmsProps = {
  namePrefix: 'fintech-production',
  region: 'us-east-1',
  account: ACCOUNT,
  clusterName: 'fintech-cluster',
  serviceName: 'fintech-api-service',
  loadBalancerArnSuffix: ALB_SUFFIX,
  targetGroupArnSuffix: TG_SUFFIX,
  distributionId: 'E2QWRUHAPOMQZL',
};

const ALB_DIMENSIONS = { LoadBalancer: ALB_SUFFIX };
const TG_DIMENSIONS = { LoadBalancer: ALB_SUFFIX, TargetGroup: TG_SUFFIX };
const ECS_DIMENSIONS = { ClusterName: 'fintech-cluster', ServiceName: 'fintech-api-service' };

function synthAlarms(overrides: Partial<ServiceAlarmsProps> = {}): string {
  return Testing.synthScope((scope) => {
    new ServiceAlarms(scope, 'alarms', { ...BASE, ...overrides });
  });
}

/** The alarm named `<prefix>-<suffix>`. */
function alarmNamed(synth: string, suffix: string): Record<string, unknown> {
  const matches = Object.values(resourcesOf(synth, 'aws_cloudwatch_metric_alarm')).filter(
    (a) => a.alarm_name === `fintech-production-${suffix}`,
  );
  if (matches.length !== 1) throw new Error(`expected one alarm fintech-production-${suffix}, found ${matches.length}`);
  return matches[0]!;
}

/** A metric_query entry reading one metric, as synthesized. */
function metricQuery(id: string, namespace: string, metricName: string, dimensions: Record<string, string>, stat: string) {
  return { id, return_data: false, metric: { namespace, metric_name: metricName, dimensions, period: 60, stat } };
}

const ALARM_SUFFIXES = [
  'alb-5xx-rate',
  'target-5xx-rate',
  'unhealthy-hosts',
  'p99-response-time',
  'cpu-high',
  'memory-high',
  'tasks-below-desired',
  'cloudfront-5xx-rate',
];

describe('ServiceAlarms', () => {
  describe('with the defaults', () => {
    let synth: string;
    let topic: string;
    beforeAll(() => {
      synth = synthAlarms();
      topic = referenceTo(synth, 'aws_sns_topic', () => true, 'arn');
    });

    test('creates the alarm topic <prefix>-alarms', () => {
      expect(synth).toHaveResourceWithProperties(SnsTopic, { name: 'fintech-production-alarms' });
    });

    test('without kmsKeyArn, the topic is encrypted with a rotating customer-managed key created for it', () => {
      expect(synth).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
      expect(synth).toHaveResourceWithProperties(SnsTopic, { kms_master_key_id: referenceTo(synth, 'aws_kms_key', () => true, 'arn') });
    });

    test('the topic key has the alias alias/<prefix>-alarms', () => {
      expect(synth).toHaveResourceWithProperties(KmsAlias, {
        name: 'alias/fintech-production-alarms',
        target_key_id: referenceTo(synth, 'aws_kms_key', () => true, 'key_id'),
      });
    });

    test('the topic key policy: the account administers it through IAM; CloudWatch alarms of this prefix may use it', () => {
      expect(synth).toHaveResourceWithProperties(KmsKey, { policy: dataReferenceTo(synth, 'aws_iam_policy_document', 'json') });
      expect(statementsOf(synth, 'topic-key-policy')).toEqual([
        expect.objectContaining({
          sid: 'AccountAdministersKeyThroughIam',
          principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${ACCOUNT}:root`] }],
          actions: ['kms:*'],
        }),
        expect.objectContaining({
          sid: 'CloudWatchAlarmsPublishToEncryptedTopic',
          principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] },
            { test: 'ArnLike', variable: 'aws:SourceArn', values: [`arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:fintech-production-*`] },
          ],
        }),
      ]);
    });

    test('has no subscription by default', () => {
      expect(resourcesOf(synth, 'aws_sns_topic_subscription')).toEqual({});
    });

    test('creates exactly the eight alarms, all prefixed', () => {
      const names = Object.values(resourcesOf(synth, 'aws_cloudwatch_metric_alarm')).map((a) => a.alarm_name);
      expect(names.sort()).toEqual(ALARM_SUFFIXES.map((s) => `fintech-production-${s}`).sort());
    });

    test('every alarm notifies the topic when it fires and when it recovers', () => {
      for (const suffix of ALARM_SUFFIXES) {
        expect(alarmNamed(synth, suffix)).toEqual(expect.objectContaining({ alarm_actions: [topic], ok_actions: [topic] }));
      }
    });

    test('every alarm fires on 3 of 5 one-minute periods by default', () => {
      for (const suffix of ALARM_SUFFIXES) {
        const alarm = alarmNamed(synth, suffix);
        expect(alarm).toEqual(expect.objectContaining({ evaluation_periods: 5, datapoints_to_alarm: 3 }));
        const periods = alarm.metric_query
          ? (alarm.metric_query as { metric?: { period: number } }[]).flatMap((q) => (q.metric ? [q.metric.period] : []))
          : [alarm.period];
        expect(new Set(periods)).toEqual(new Set([60]));
      }
    });

    test('ALB 5xx rate: 100 × ELB 5xx / (requests + ELB 5xx) above 1 %, so a full outage (503, uncounted requests) reads 100 %', () => {
      expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: 'fintech-production-alb-5xx-rate',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 1,
        treat_missing_data: 'notBreaching',
        metric_query: [
          metricQuery('elb5xx', 'AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', ALB_DIMENSIONS, 'Sum'),
          metricQuery('requests', 'AWS/ApplicationELB', 'RequestCount', ALB_DIMENSIONS, 'Sum'),
          expect.objectContaining({
            id: 'rate',
            expression: '100 * FILL(elb5xx, 0) / (FILL(requests, 0) + FILL(elb5xx, 0))',
            return_data: true,
          }),
        ],
      });
    });

    test('target 5xx rate: 100 × target 5xx / the target group’s requests above 1 %', () => {
      expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: 'fintech-production-target-5xx-rate',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 1,
        treat_missing_data: 'notBreaching',
        metric_query: [
          metricQuery('target5xx', 'AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', TG_DIMENSIONS, 'Sum'),
          metricQuery('requests', 'AWS/ApplicationELB', 'RequestCount', TG_DIMENSIONS, 'Sum'),
          expect.objectContaining({ id: 'rate', expression: '100 * FILL(target5xx, 0) / requests', return_data: true }),
        ],
      });
    });

    test('unhealthy hosts: UnHealthyHostCount of the target group above 0', () => {
      expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: 'fintech-production-unhealthy-hosts',
        namespace: 'AWS/ApplicationELB',
        metric_name: 'UnHealthyHostCount',
        dimensions: TG_DIMENSIONS,
        statistic: 'Maximum',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 0,
        treat_missing_data: 'missing',
      });
    });

    test('p99 latency: TargetResponseTime p99 above 1 s, ignoring low sample counts', () => {
      const alarm = alarmNamed(synth, 'p99-response-time');
      expect(alarm).toEqual(
        expect.objectContaining({
          namespace: 'AWS/ApplicationELB',
          metric_name: 'TargetResponseTime',
          dimensions: TG_DIMENSIONS,
          extended_statistic: 'p99',
          comparison_operator: 'GreaterThanThreshold',
          threshold: 1,
          treat_missing_data: 'notBreaching',
          evaluate_low_sample_count_percentiles: 'ignore',
        }),
      );
      expect(alarm.statistic).toBeUndefined();
    });

    test('CPU: average AWS/ECS CPUUtilization of the service above 80 %', () => {
      expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: 'fintech-production-cpu-high',
        namespace: 'AWS/ECS',
        metric_name: 'CPUUtilization',
        dimensions: ECS_DIMENSIONS,
        statistic: 'Average',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 80,
        treat_missing_data: 'missing',
      });
    });

    test('memory: average AWS/ECS MemoryUtilization of the service above 80 %', () => {
      expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: 'fintech-production-memory-high',
        namespace: 'AWS/ECS',
        metric_name: 'MemoryUtilization',
        dimensions: ECS_DIMENSIONS,
        statistic: 'Average',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 80,
        treat_missing_data: 'missing',
      });
    });

    test('tasks below desired: Container Insights DesiredTaskCount − RunningTaskCount above 0 (follows autoscaling)', () => {
      expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: 'fintech-production-tasks-below-desired',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 0,
        treat_missing_data: 'missing',
        metric_query: [
          metricQuery('running', 'ECS/ContainerInsights', 'RunningTaskCount', ECS_DIMENSIONS, 'Average'),
          metricQuery('desired', 'ECS/ContainerInsights', 'DesiredTaskCount', ECS_DIMENSIONS, 'Average'),
          expect.objectContaining({ id: 'missingtasks', expression: 'desired - running', return_data: true }),
        ],
      });
    });

    test('CloudFront: 5xxErrorRate of the distribution (Region=Global) above 5 %', () => {
      expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: 'fintech-production-cloudfront-5xx-rate',
        namespace: 'AWS/CloudFront',
        metric_name: '5xxErrorRate',
        dimensions: { DistributionId: 'E2QWRUHAPOMQZL', Region: 'Global' },
        statistic: 'Average',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 5,
        treat_missing_data: 'notBreaching',
      });
    });

    test('a metric-math alarm returns exactly one series', () => {
      for (const suffix of ['alb-5xx-rate', 'target-5xx-rate', 'tasks-below-desired']) {
        const queries = alarmNamed(synth, suffix).metric_query as { return_data: boolean }[];
        expect(queries.filter((q) => q.return_data)).toHaveLength(1);
      }
    });
  });

  test('the topic and every alarm are exposed as fields', () => {
    Testing.synthScope((scope) => {
      const alarms = new ServiceAlarms(scope, 'alarms', BASE);
      expect(alarms.topic).toBeInstanceOf(SnsTopic);
      expect(alarms.topicKey).toBeInstanceOf(KmsKey);
      for (const alarm of [
        alarms.loadBalancer5xxRate,
        alarms.target5xxRate,
        alarms.unhealthyHosts,
        alarms.p99ResponseTime,
        alarms.cpuUtilization,
        alarms.memoryUtilization,
        alarms.tasksBelowDesired,
        alarms.cloudFront5xxRate,
      ]) {
        expect(alarm).toBeInstanceOf(CloudwatchMetricAlarm);
      }
    });
  });

  test('kmsKeyArn encrypts the topic with the given key and creates none', () => {
    const synth = synthAlarms({ kmsKeyArn: CMK });
    expect(synth).toHaveResourceWithProperties(SnsTopic, { kms_master_key_id: CMK });
    expect(resourcesOf(synth, 'aws_kms_key')).toEqual({});
    expect(resourcesOf(synth, 'aws_kms_alias')).toEqual({});
  });

  test('cloudWatchAlarmsKeyStatement is the statement a given key needs for these alarms', () => {
    expect(cloudWatchAlarmsKeyStatement('us-east-1', ACCOUNT, 'fintech-dev')).toEqual(
      expect.objectContaining({
        principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        condition: expect.arrayContaining([
          { test: 'ArnLike', variable: 'aws:SourceArn', values: [`arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:fintech-dev-*`] },
        ]),
      }),
    );
  });

  test('each subscription subscribes its endpoint to the topic with its protocol', () => {
    const subscriptions = [
      { protocol: 'email', endpoint: 'oncall@example.com' },
      { protocol: 'https', endpoint: 'https://hooks.example.com/alarms' },
      { protocol: 'sqs', endpoint: `arn:aws:sqs:us-east-1:${ACCOUNT}:alarms` },
      { protocol: 'lambda', endpoint: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:page` },
    ] as const;
    const synth = synthAlarms({ subscriptions });
    const topic = referenceTo(synth, 'aws_sns_topic', () => true, 'arn');
    expect(Object.keys(resourcesOf(synth, 'aws_sns_topic_subscription'))).toHaveLength(4);
    for (const s of subscriptions) {
      expect(synth).toHaveResourceWithProperties(SnsTopicSubscription, { topic_arn: topic, protocol: s.protocol, endpoint: s.endpoint });
    }
  });

  test('the thresholds override their alarms', () => {
    const synth = synthAlarms({
      loadBalancer5xxRatePercent: 2,
      target5xxRatePercent: 3,
      p99ResponseTimeSeconds: 0.5,
      cpuUtilizationPercent: 70,
      memoryUtilizationPercent: 90,
      cloudFront5xxRatePercent: 10,
    });
    const thresholds = Object.fromEntries(
      ['alb-5xx-rate', 'target-5xx-rate', 'p99-response-time', 'cpu-high', 'memory-high', 'cloudfront-5xx-rate'].map((s) => [
        s,
        alarmNamed(synth, s).threshold,
      ]),
    );
    expect(thresholds).toEqual({
      'alb-5xx-rate': 2,
      'target-5xx-rate': 3,
      'p99-response-time': 0.5,
      'cpu-high': 70,
      'memory-high': 90,
      'cloudfront-5xx-rate': 10,
    });
  });

  test('periodSeconds, evaluationPeriods and datapointsToAlarm override every alarm', () => {
    const synth = synthAlarms({ periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2 });
    expect(alarmNamed(synth, 'cpu-high')).toEqual(expect.objectContaining({ period: 300, evaluation_periods: 3, datapoints_to_alarm: 2 }));
    expect((alarmNamed(synth, 'alb-5xx-rate').metric_query as { metric?: { period: number } }[])[0]!.metric!.period).toBe(300);
  });

  test('rejects a region other than us-east-1, where CloudFront metrics live, naming it and the fix', () => {
    expect(() => synthAlarms({ region: 'eu-west-1' })).toThrow(
      /region must be us-east-1, where CloudFront publishes its metrics \(got "eu-west-1"\); create these alarms with a us-east-1 provider/,
    );
  });

  test.each(['alias/aws/sns', 'arn:aws:kms:us-east-1:296674251987:alias/aws/sns'])(
    'rejects the AWS-managed SNS key %p (CloudWatch cannot publish to it), naming the fix',
    (kmsKeyArn) => {
      expect(() => synthAlarms({ kmsKeyArn })).toThrow(
        new RegExp(`kmsKeyArn "${kmsKeyArn}" is the AWS-managed SNS key.*pass a customer-managed key, or omit kmsKeyArn`),
      );
    },
  );

  test.each([
    ['email', 'oncall.example.com', 'an email address'],
    ['https', 'http://hooks.example.com', 'an https:// URL'],
    ['sqs', 'alarms-queue', 'an SQS queue ARN'],
    ['lambda', 'arn:aws:sqs:us-east-1:296674251987:q', 'a Lambda function ARN'],
  ] as const)('rejects a %s subscription to %p, naming what it needs', (protocol, endpoint, expected) => {
    expect(() => synthAlarms({ subscriptions: [{ protocol, endpoint }] })).toThrow(`a ${protocol} subscription needs ${expected}`);
    expect(() => synthAlarms({ subscriptions: [{ protocol, endpoint }] })).toThrow(`(got "${endpoint}")`);
  });

  test('rejects an unknown subscription protocol (from untyped configuration), naming it', () => {
    const subscriptions = JSON.parse('[{"protocol":"sms","endpoint":"+15555550100"}]') as ServiceAlarmsProps['subscriptions'];
    expect(() => synthAlarms({ subscriptions })).toThrow(/subscription protocol must be email, https, sqs or lambda \(got "sms"\)/);
  });

  test.each([0, 30, 90])('rejects periodSeconds %p, naming it', (periodSeconds) => {
    expect(() => synthAlarms({ periodSeconds })).toThrow(
      new RegExp(`periodSeconds must be 60 or a multiple of 60 \\(got ${periodSeconds}\\)`),
    );
  });

  test.each([
    [{ evaluationPeriods: 0 }, /evaluationPeriods must be an integer ≥ 1 spanning at most one day \(got 0 × 60 s\)/],
    [
      { evaluationPeriods: 1441, datapointsToAlarm: 1 },
      /evaluationPeriods must be an integer ≥ 1 spanning at most one day \(got 1441 × 60 s\)/,
    ],
    [{ datapointsToAlarm: 6 }, /datapointsToAlarm must be an integer 1–5 \(got 6\)/],
    [{ datapointsToAlarm: 0 }, /datapointsToAlarm must be an integer 1–5 \(got 0\)/],
  ] as const)('rejects %p, naming the bad value', (override, message) => {
    expect(() => synthAlarms(override)).toThrow(message);
  });

  test.each([
    ['loadBalancer5xxRatePercent', 0],
    ['target5xxRatePercent', 101],
    ['cpuUtilizationPercent', -1],
    ['memoryUtilizationPercent', 0],
    ['cloudFront5xxRatePercent', 150],
  ] as const)('rejects %s %p, naming it', (name, value) => {
    expect(() => synthAlarms({ [name]: value })).toThrow(new RegExp(`${name} must be greater than 0 and at most 100 \\(got ${value}\\)`));
  });

  test.each([0, -0.5])('rejects p99ResponseTimeSeconds %p, naming it', (p99ResponseTimeSeconds) => {
    expect(() => synthAlarms({ p99ResponseTimeSeconds })).toThrow(
      new RegExp(`p99ResponseTimeSeconds must be greater than 0 \\(got ${p99ResponseTimeSeconds}\\)`),
    );
  });
});
