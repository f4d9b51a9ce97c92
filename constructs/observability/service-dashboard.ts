import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import type { Outputs } from '../shared/outputs';

export interface ServiceDashboardProps {
  /** The dashboard is named `<namePrefix>-service` (letters, digits, `-` and `_`). */
  readonly namePrefix: string;
  /** Region of the ALB and the ECS service (the widgets' region). */
  readonly region: string;
  readonly clusterName: string;
  readonly serviceName: string;
  /** The ALB's `arn_suffix`, `app/<name>/<id>`. */
  readonly loadBalancerArnSuffix: string;
  /** The target group's `arn_suffix`, `targetgroup/<name>/<id>`. */
  readonly targetGroupArnSuffix: string;
  /**
   * CloudFront distribution ID; adds an edge widget (its metrics are read from us-east-1).
   * @default no CloudFront widget
   */
  readonly distributionId?: string;
  /**
   * Period (s) of every graph: 60 or a multiple of 60.
   * @default 60
   */
  readonly periodSeconds?: number;
}

/** Rendering options of one metric line (the optional last element of a metric array). */
export interface MetricLineOptions {
  readonly stat?: string;
  readonly label?: string;
  readonly region?: string;
  readonly yAxis?: 'left' | 'right';
}

/** `[namespace, metricName, dimensionName, dimensionValue, ..., options?]`, as the dashboard body expects. */
export type MetricLine = readonly [namespace: string, metricName: string, ...dimensionsAndOptions: (string | MetricLineOptions)[]];

export interface MetricWidget {
  readonly type: 'metric';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: {
    readonly title: string;
    readonly region: string;
    readonly view: 'timeSeries';
    readonly stacked: boolean;
    readonly period: number;
    readonly stat: string;
    readonly metrics: readonly MetricLine[];
    readonly yAxis?: { readonly left?: { readonly min?: number; readonly max?: number; readonly label?: string } };
  };
}

export interface DashboardBody {
  readonly widgets: readonly MetricWidget[];
}

/** Widget size: two widgets per row of the 24-column grid. */
const WIDTH = 12;
const HEIGHT = 6;

/**
 * One CloudWatch dashboard for the service: requests, latency percentiles, 4xx/5xx errors, task
 * counts, CPU and memory, and, with a distribution ID, CloudFront requests and error rate.
 */
export class ServiceDashboard extends Construct {
  /** What an operator needs after a deploy (a stack exports them). */
  public readonly outputs: Outputs;
  public readonly dashboard: CloudwatchDashboard;
  /** The dashboard body, before JSON encoding (tokens are resolved by Terraform). */
  public readonly body: DashboardBody;

  public constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    const period = props.periodSeconds ?? 60;
    const name = `${props.namePrefix}-service`;
    if (!Token.isUnresolved(name) && !/^[A-Za-z0-9_-]{1,255}$/.test(name)) {
      throw new Error(
        `ServiceDashboard ${id}: the dashboard name "${name}" may only contain letters, digits, "-" and "_" (at most 255); change namePrefix.`,
      );
    }
    if (!Number.isInteger(period) || period < 60 || period % 60 !== 0) {
      throw new Error(`ServiceDashboard ${id}: periodSeconds must be 60 or a multiple of 60 (got ${period}).`);
    }

    const lb = ['LoadBalancer', props.loadBalancerArnSuffix] as const;
    const tg = [...lb, 'TargetGroup', props.targetGroupArnSuffix] as const;
    const svc = ['ClusterName', props.clusterName, 'ServiceName', props.serviceName] as const;

    const panels: { title: string; stat: string; metrics: MetricLine[]; region?: string; yAxisLabel?: string }[] = [
      {
        title: 'Requests',
        stat: 'Sum',
        metrics: [['AWS/ApplicationELB', 'RequestCount', ...tg, { label: 'Requests' }]],
      },
      {
        title: 'Target response time',
        stat: 'p99',
        yAxisLabel: 'Seconds',
        metrics: ['p50', 'p90', 'p99'].map((p): MetricLine => ['AWS/ApplicationELB', 'TargetResponseTime', ...tg, { stat: p, label: p }]),
      },
      {
        title: 'Errors',
        stat: 'Sum',
        metrics: [
          ['AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', ...lb, { label: 'ALB 5xx' }],
          ['AWS/ApplicationELB', 'HTTPCode_ELB_4XX_Count', ...lb, { label: 'ALB 4xx' }],
          ['AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', ...tg, { label: 'Target 5xx' }],
          ['AWS/ApplicationELB', 'HTTPCode_Target_4XX_Count', ...tg, { label: 'Target 4xx' }],
        ],
      },
      {
        title: 'Tasks',
        stat: 'Average',
        metrics: [
          ['ECS/ContainerInsights', 'RunningTaskCount', ...svc, { label: 'Running' }],
          ['ECS/ContainerInsights', 'DesiredTaskCount', ...svc, { label: 'Desired' }],
          ['ECS/ContainerInsights', 'PendingTaskCount', ...svc, { label: 'Pending' }],
        ],
      },
      {
        title: 'CPU utilization',
        stat: 'Average',
        yAxisLabel: 'Percent',
        metrics: [
          ['AWS/ECS', 'CPUUtilization', ...svc, { stat: 'Average', label: 'Average' }],
          ['AWS/ECS', 'CPUUtilization', ...svc, { stat: 'Maximum', label: 'Maximum' }],
        ],
      },
      {
        title: 'Memory utilization',
        stat: 'Average',
        yAxisLabel: 'Percent',
        metrics: [
          ['AWS/ECS', 'MemoryUtilization', ...svc, { stat: 'Average', label: 'Average' }],
          ['AWS/ECS', 'MemoryUtilization', ...svc, { stat: 'Maximum', label: 'Maximum' }],
        ],
      },
    ];
    if (props.distributionId !== undefined) {
      const cf = ['DistributionId', props.distributionId, 'Region', 'Global'] as const;
      panels.push({
        title: 'CloudFront',
        stat: 'Sum',
        // CloudFront publishes its metrics in us-east-1 only, whatever the dashboard's region.
        region: 'us-east-1',
        metrics: [
          ['AWS/CloudFront', 'Requests', ...cf, { label: 'Requests' }],
          ['AWS/CloudFront', '5xxErrorRate', ...cf, { stat: 'Average', label: '5xx error rate (%)', yAxis: 'right' }],
        ],
      });
    }

    this.body = {
      widgets: panels.map(
        (p, i): MetricWidget => ({
          type: 'metric',
          x: (i % 2) * WIDTH,
          y: Math.floor(i / 2) * HEIGHT,
          width: WIDTH,
          height: HEIGHT,
          properties: {
            title: p.title,
            region: p.region ?? props.region,
            view: 'timeSeries',
            stacked: false,
            period,
            stat: p.stat,
            metrics: p.metrics,
            ...(p.yAxisLabel ? { yAxis: { left: { min: 0, label: p.yAxisLabel } } } : {}),
          },
        }),
      ),
    };

    this.dashboard = new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: name,
      dashboardBody: JSON.stringify(this.body),
    });
    this.outputs = {
      dashboard_name: { value: this.dashboard.dashboardName, description: 'CloudWatch dashboard of the service.' },
    };
  }
}
