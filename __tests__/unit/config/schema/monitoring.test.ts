import { expectRejected, productionJson, set } from '../../../helpers/config';

describe('environment schema: monitoring', () => {
  test('a log retention CloudWatch does not offer is rejected', () => {
    expectRejected(set(productionJson(), 'monitoring.logRetentionDays', 10), 'monitoring.logRetentionDays', /retention periods/);
  });

  test('an alarm subscription with an unknown protocol is rejected', () => {
    expectRejected(
      set(productionJson(), 'monitoring.alarmSubscriptions', [{ protocol: 'sms', endpoint: '+15555550100' }]),
      'monitoring.alarmSubscriptions[0].protocol',
      /allowed: "email", "https", "sqs", "lambda"/,
    );
  });

  test('a CPU alarm threshold above 100 % is rejected', () => {
    expectRejected(
      set(productionJson(), 'monitoring.cpuUtilizationPercent', 120),
      'monitoring.cpuUtilizationPercent',
      /must be at most 100/,
    );
  });

  test.each(['loadBalancer5xxRatePercent', 'target5xxRatePercent', 'cpuUtilizationPercent', 'cloudFront5xxRatePercent'])(
    'a %s of 0 is rejected: an alarm at 0 %% would fire on every datapoint (and the alarms refuse it)',
    (field) => {
      expectRejected(set(productionJson(), `monitoring.${field}`, 0), `monitoring.${field}`, /must be greater than 0/, '0');
    },
  );

  test('a p99 response time of 0 s is rejected', () => {
    expectRejected(
      set(productionJson(), 'monitoring.p99ResponseTimeSeconds', 0),
      'monitoring.p99ResponseTimeSeconds',
      /must be greater than 0/,
    );
  });
});
