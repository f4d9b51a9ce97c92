import { expectRejected, productionJson, set } from '../../../helpers/config';

describe('environment schema: loadBalancer', () => {
  test('a listener port outside 1–65535 is rejected', () => {
    expectRejected(set(productionJson(), 'loadBalancer.listenerPort', 70000), 'loadBalancer.listenerPort', /must be at most 65535/);
  });

  test('an ALB name over 32 characters is rejected', () => {
    expectRejected(set(productionJson(), 'loadBalancer.name', 'a'.repeat(33)), 'loadBalancer.name', /must be at most 32 characters/);
  });

  test.each([
    ['intervalSeconds', 4],
    ['intervalSeconds', 301],
    ['timeoutSeconds', 1],
    ['timeoutSeconds', 121],
    ['healthyThreshold', 1],
    ['healthyThreshold', 11],
    ['unhealthyThreshold', 1],
    ['unhealthyThreshold', 11],
  ])('%s = %p is rejected', (field, value) => {
    expectRejected(
      set(productionJson(), `loadBalancer.healthCheck.${field}`, value),
      `loadBalancer.healthCheck.${field}`,
      /must be at (least|most) \d+/,
      String(value),
    );
  });

  test('a path not starting with "/" is rejected', () => {
    expectRejected(
      set(productionJson(), 'loadBalancer.healthCheck.path', 'health'),
      'loadBalancer.healthCheck.path',
      /start with "\/"/,
      '"health"',
    );
  });

  test('a timeout not shorter than the interval is rejected', () => {
    const data = set(set(productionJson(), 'loadBalancer.healthCheck.timeoutSeconds', 30), 'loadBalancer.healthCheck.intervalSeconds', 30);
    expectRejected(data, 'loadBalancer.healthCheck.timeoutSeconds', /less than intervalSeconds/);
  });

  test('a malformed certificate ARN is rejected', () => {
    expectRejected(
      set(productionJson(), 'loadBalancer.certificateArn', 'arn:aws:acm:us-east-1:1:cert'),
      'loadBalancer.certificateArn',
      /ACM certificate ARN/,
    );
  });
});
