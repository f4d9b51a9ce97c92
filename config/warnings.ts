/**
 * What a valid environment file still leaves open: settings AWS accepts, that synth and apply
 * accept, but that a production-like environment should not run with. They do not stop synth;
 * `npm run synth` prints them on every run and `npm run plan` puts them at the top of its summary.
 * One pure function of the validated environment decides them, so every command shows the same.
 */
import type { EnvironmentConfig } from './schema';

/** One open issue of an environment. */
export interface EnvironmentWarning {
  /** Field path of the setting that fixes it, e.g. `monitoring.alarmSubscriptions`. */
  readonly path: string;
  /** What is wrong, in AWS's terms. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
}

/** The warnings of one environment; none for an environment that is not production-like. */
export function environmentWarnings(env: EnvironmentConfig): EnvironmentWarning[] {
  if (!env.productionLike) return [];
  const warnings: EnvironmentWarning[] = [];
  if (env.edge.certificateArn === undefined) {
    warnings.push({
      path: 'edge.certificateArn',
      problem:
        'viewers reach the distribution on its default *.cloudfront.net certificate, with which CloudFront accepts TLS 1.0 and 1.1 and ignores any minimum protocol version: the TLSv1.2_2021 floor needs a custom domain',
      fix: 'set edge.aliases (e.g. ["api.example.com"]) and edge.certificateArn (an ACM certificate in us-east-1 covering them), and point the domain at the distribution',
    });
  }
  if (env.monitoring.alarmSubscriptions.length === 0) {
    warnings.push({
      path: 'monitoring.alarmSubscriptions',
      problem: 'is empty, so every alarm publishes to the SNS alarm topic (output alarm_topic_arn) and notifies nobody',
      fix: 'add a subscription, e.g. {"protocol": "email", "endpoint": "oncall@example.com"} (the recipient confirms it), or subscribe to the alarm_topic_arn output after the first apply (README: "Taking over the running system", step 7)',
    });
  }
  return warnings;
}

/** The warnings as plain text for a terminal, or '' when there are none. */
export function formatWarnings(envName: string, warnings: readonly EnvironmentWarning[]): string {
  if (warnings.length === 0) return '';
  const lines = warnings.map((w) => `  - ${w.path}: ${w.problem}.\n    Fix: ${w.fix}.`);
  const noun = warnings.length === 1 ? 'warning' : 'warnings';
  return `Environment ${envName}: ${warnings.length} ${noun}; synth continues.\n${lines.join('\n')}\n`;
}
