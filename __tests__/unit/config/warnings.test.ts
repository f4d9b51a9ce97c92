import type { EnvironmentConfig } from '../../../config/schema';
import { environmentWarnings, formatWarnings } from '../../../config/warnings';
import { environment } from '../../helpers/synth';

const CERTIFICATE = 'arn:aws:acm:us-east-1:296674251987:certificate/0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f';

/** Production with its file's values changed. */
function production(change: (env: { -readonly [K in keyof EnvironmentConfig]: EnvironmentConfig[K] }) => void): EnvironmentConfig {
  const env = environment('production');
  change(env as { -readonly [K in keyof EnvironmentConfig]: EnvironmentConfig[K] });
  return env;
}

const withDomain = (env: EnvironmentConfig) => ({
  ...env,
  edge: { ...env.edge, aliases: ['api.example.com'], certificateArn: CERTIFICATE },
});
const withSubscription = (env: EnvironmentConfig) => ({
  ...env,
  monitoring: { ...env.monitoring, alarmSubscriptions: [{ protocol: 'email' as const, endpoint: 'oncall@example.com' }] },
});

describe('environmentWarnings', () => {
  test('GIVEN production as checked in WHEN warned THEN it names the viewer TLS floor and the unsubscribed alarms', () => {
    expect(environmentWarnings(environment('production')).map((w) => w.path)).toEqual([
      'edge.certificateArn',
      'monitoring.alarmSubscriptions',
    ]);
  });

  test('GIVEN a production-like environment on the default certificate WHEN warned THEN it says TLS 1.0 is accepted and how to raise the floor', () => {
    const warning = environmentWarnings(withSubscription(environment('production')))[0]!;
    expect(warning.problem).toMatch(/default \*\.cloudfront\.net certificate, with which CloudFront accepts TLS 1\.0 and 1\.1/);
    expect(warning.fix).toMatch(/set edge\.aliases .* and edge\.certificateArn \(an ACM certificate in us-east-1/);
  });

  test('GIVEN a custom domain with a certificate WHEN warned THEN the TLS warning is gone', () => {
    expect(environmentWarnings(withSubscription(withDomain(environment('production'))))).toEqual([]);
  });

  test('GIVEN no alarm subscription WHEN warned THEN it says the alarms notify nobody and how to subscribe', () => {
    const warning = environmentWarnings(withDomain(environment('production')))[0]!;
    expect(warning).toEqual(
      expect.objectContaining({
        path: 'monitoring.alarmSubscriptions',
        problem: expect.stringContaining('notifies nobody'),
        fix: expect.stringContaining('{"protocol": "email", "endpoint": "oncall@example.com"}'),
      }),
    );
  });

  test('GIVEN an environment that is not production-like WHEN warned THEN nothing is said (dev has neither a domain nor subscribers)', () => {
    expect(environmentWarnings(environment('dev'))).toEqual([]);
    expect(environmentWarnings(production((env) => (env.productionLike = false)))).toEqual([]);
  });
});

describe('formatWarnings', () => {
  test('GIVEN no warnings WHEN formatted THEN the text is empty', () => {
    expect(formatWarnings('dev', [])).toBe('');
  });

  test('GIVEN warnings WHEN formatted THEN each names its field, the problem and the fix, and synth goes on', () => {
    const text = formatWarnings('production', environmentWarnings(environment('production')));
    expect(text).toMatch(/^Environment production: 2 warnings; synth continues\.\n/);
    expect(text).toContain('  - monitoring.alarmSubscriptions: is empty, so every alarm publishes');
    expect(text).toContain('    Fix: add a subscription');
  });
});
