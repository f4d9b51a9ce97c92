import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { Testing } from 'cdktf';
import {
  ServiceDashboard,
  type DashboardBody,
  type MetricWidget,
  type ServiceDashboardProps,
} from '../../../../constructs/observability/service-dashboard';
import { onlyResource, parseJsonAttribute } from '../../../helpers/synth';

const ALB_SUFFIX = 'app/fintech-alb/50dc6c495c0c9188';
const TG_SUFFIX = 'targetgroup/fintech-api-tg/73e2d6bc24d8a067';
const LB = ['LoadBalancer', ALB_SUFFIX];
const TG = ['LoadBalancer', ALB_SUFFIX, 'TargetGroup', TG_SUFFIX];
const SVC = ['ClusterName', 'fintech-cluster', 'ServiceName', 'fintech-api-service'];

const BASE: ServiceDashboardProps = {
  namePrefix: 'fintech-production',
  region: 'us-east-1',
  clusterName: 'fintech-cluster',
  serviceName: 'fintech-api-service',
  loadBalancerArnSuffix: ALB_SUFFIX,
  targetGroupArnSuffix: TG_SUFFIX,
};

function synthDashboard(overrides: Partial<ServiceDashboardProps> = {}): string {
  return Testing.synthScope((scope) => {
    new ServiceDashboard(scope, 'dashboard', { ...BASE, ...overrides });
  });
}

function bodyOf(synth: string): DashboardBody {
  return parseJsonAttribute<DashboardBody>(onlyResource(synth, 'aws_cloudwatch_dashboard').dashboard_body);
}

function widget(body: DashboardBody, title: string): MetricWidget {
  const matches = body.widgets.filter((w) => w.properties.title === title);
  if (matches.length !== 1) throw new Error(`expected one widget "${title}", found ${matches.length}`);
  return matches[0]!;
}

describe('ServiceDashboard', () => {
  describe('with the defaults', () => {
    let synth: string;
    let body: DashboardBody;
    beforeAll(() => {
      synth = synthDashboard();
      body = bodyOf(synth);
    });

    test('creates one dashboard named <prefix>-service', () => {
      expect(synth).toHaveResourceWithProperties(CloudwatchDashboard, { dashboard_name: 'fintech-production-service' });
    });

    test('has the six service widgets, in order, without a CloudFront widget', () => {
      expect(body.widgets.map((w) => w.properties.title)).toEqual([
        'Requests',
        'Target response time',
        'Errors',
        'Tasks',
        'CPU utilization',
        'Memory utilization',
      ]);
    });

    test('widgets are time series in the service region with a one-minute period by default', () => {
      for (const w of body.widgets) {
        expect(w).toEqual(
          expect.objectContaining({
            type: 'metric',
            properties: expect.objectContaining({ region: 'us-east-1', view: 'timeSeries', period: 60 }),
          }),
        );
      }
    });

    test('widgets tile a two-column grid without overlapping', () => {
      expect(body.widgets.map((w) => [w.x, w.y, w.width, w.height])).toEqual([
        [0, 0, 12, 6],
        [12, 0, 12, 6],
        [0, 6, 12, 6],
        [12, 6, 12, 6],
        [0, 12, 12, 6],
        [12, 12, 12, 6],
      ]);
    });

    test('requests: the target group’s RequestCount, summed', () => {
      expect(widget(body, 'Requests').properties).toEqual(
        expect.objectContaining({ stat: 'Sum', metrics: [['AWS/ApplicationELB', 'RequestCount', ...TG, { label: 'Requests' }]] }),
      );
    });

    test('latency: TargetResponseTime at p50, p90 and p99', () => {
      expect(widget(body, 'Target response time').properties.metrics).toEqual(
        ['p50', 'p90', 'p99'].map((p) => ['AWS/ApplicationELB', 'TargetResponseTime', ...TG, { stat: p, label: p }]),
      );
    });

    test('errors: ALB 5xx/4xx for the load balancer, target 5xx/4xx for the target group, summed', () => {
      const errors = widget(body, 'Errors').properties;
      expect(errors.stat).toBe('Sum');
      expect(errors.metrics).toEqual([
        ['AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', ...LB, { label: 'ALB 5xx' }],
        ['AWS/ApplicationELB', 'HTTPCode_ELB_4XX_Count', ...LB, { label: 'ALB 4xx' }],
        ['AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', ...TG, { label: 'Target 5xx' }],
        ['AWS/ApplicationELB', 'HTTPCode_Target_4XX_Count', ...TG, { label: 'Target 4xx' }],
      ]);
    });

    test('tasks: Container Insights running, desired and pending task counts of the service', () => {
      expect(widget(body, 'Tasks').properties.metrics).toEqual([
        ['ECS/ContainerInsights', 'RunningTaskCount', ...SVC, { label: 'Running' }],
        ['ECS/ContainerInsights', 'DesiredTaskCount', ...SVC, { label: 'Desired' }],
        ['ECS/ContainerInsights', 'PendingTaskCount', ...SVC, { label: 'Pending' }],
      ]);
    });

    test.each([
      ['CPU utilization', 'CPUUtilization'],
      ['Memory utilization', 'MemoryUtilization'],
    ])('%s: AWS/ECS %s of the service, average and maximum, from 0 %%', (title, metricName) => {
      const properties = widget(body, title).properties;
      expect(properties.metrics).toEqual([
        ['AWS/ECS', metricName, ...SVC, { stat: 'Average', label: 'Average' }],
        ['AWS/ECS', metricName, ...SVC, { stat: 'Maximum', label: 'Maximum' }],
      ]);
      expect(properties.yAxis).toEqual({ left: { min: 0, label: 'Percent' } });
    });

    test('the synthesized body equals the exposed typed body', () => {
      Testing.synthScope((scope) => {
        const dashboard = new ServiceDashboard(scope, 'dashboard', BASE);
        expect(bodyOf(synth)).toEqual(dashboard.body);
      });
    });
  });

  test('distributionId adds a CloudFront widget read from us-east-1 whatever the dashboard region', () => {
    const body = bodyOf(synthDashboard({ region: 'eu-west-1', distributionId: 'E2QWRUHAPOMQZL' }));
    const cf = ['DistributionId', 'E2QWRUHAPOMQZL', 'Region', 'Global'];
    expect(widget(body, 'CloudFront')).toEqual(
      expect.objectContaining({
        x: 0,
        y: 18,
        properties: expect.objectContaining({
          region: 'us-east-1',
          metrics: [
            ['AWS/CloudFront', 'Requests', ...cf, { label: 'Requests' }],
            ['AWS/CloudFront', '5xxErrorRate', ...cf, { stat: 'Average', label: '5xx error rate (%)', yAxis: 'right' }],
          ],
        }),
      }),
    );
    expect(widget(body, 'Requests').properties.region).toBe('eu-west-1');
  });

  test('periodSeconds sets every widget’s period', () => {
    expect(new Set(bodyOf(synthDashboard({ periodSeconds: 300 })).widgets.map((w) => w.properties.period))).toEqual(new Set([300]));
  });

  test('Terraform references in the body are left for Terraform to resolve', () => {
    const synth = Testing.synthScope((scope) => {
      const other = new ServiceDashboard(scope, 'other', { ...BASE, namePrefix: 'other' });
      new ServiceDashboard(scope, 'dashboard', { ...BASE, clusterName: other.dashboard.dashboardName });
    });
    expect(synth).toContain('${aws_cloudwatch_dashboard.other_dashboard_');
  });

  test.each(['fintech production', 'fintech/prod'])('rejects namePrefix %p (invalid dashboard name), naming it', (namePrefix) => {
    expect(() => synthDashboard({ namePrefix })).toThrow(
      `the dashboard name "${namePrefix}-service" may only contain letters, digits, "-" and "_" (at most 255); change namePrefix.`,
    );
  });

  test.each([30, 0, 61])('rejects periodSeconds %p, naming it', (periodSeconds) => {
    expect(() => synthDashboard({ periodSeconds })).toThrow(`periodSeconds must be 60 or a multiple of 60 (got ${periodSeconds})`);
  });
});
