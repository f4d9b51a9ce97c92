import { parseEnvironment } from '../../../../config/load';
import { devJson, expectRejected, productionJson, set } from '../../../helpers/config';

describe('environment schema: service', () => {
  test('a CPU value Fargate does not offer is rejected', () => {
    expectRejected(set(productionJson(), 'service.cpu', 300), 'service.cpu', /Fargate CPU size/, '300');
  });

  test('a memory value not valid for the CPU size is rejected', () => {
    expectRejected(set(productionJson(), 'service.memory', 512), 'service.memory', /not a valid Fargate size/, '512');
  });

  test('every documented Fargate pairing for 512 CPU is accepted (1–4 GiB)', () => {
    for (const memory of [1024, 2048, 3072, 4096]) {
      expect(() => parseEnvironment(set(productionJson(), 'service.memory', memory), 'p.json')).not.toThrow();
    }
  });

  test('desired count 0 is rejected', () => {
    expectRejected(set(productionJson(), 'service.desiredCount', 0), 'service.desiredCount', /must be at least 1/, '0');
  });

  test('a fractional desired count is rejected', () => {
    expectRejected(set(productionJson(), 'service.desiredCount', 2.5), 'service.desiredCount', /must be a whole number/);
  });

  test.each([0, 65536, 80.5])('container port %p is rejected', (p) => {
    expectRejected(set(productionJson(), 'service.containerPort', p), 'service.containerPort', /.+/);
  });

  test('an environment variable that looks like a secret is rejected', () => {
    expectRejected(
      set(productionJson(), 'service.environment.DB_PASSWORD', 'hunter2'),
      'service.environment.DB_PASSWORD',
      /looks like a secret/,
    );
  });

  test('REDIS_HOST in plain environment is rejected: it comes from the data tier', () => {
    expectRejected(set(productionJson(), 'service.environment.REDIS_HOST', 'x'), 'service.environment.REDIS_HOST', /set from dataServices/);
  });

  test('a plain environment larger than a task definition can carry is rejected (found by fuzz.test.ts: AWS refuses it, the emulator does not)', () => {
    expectRejected(
      set(productionJson(), 'service.environment.FEATURE_FLAGS', 'x'.repeat(40_000)),
      'service.environment',
      /at most 32768 bytes of names and values: ECS refuses a task definition over 64 KiB/,
    );
  });

  test('a plain environment of a few kilobytes is accepted', () => {
    expect(() =>
      parseEnvironment(set(productionJson(), 'service.environment.FEATURE_FLAGS', 'x'.repeat(4_000)), 'production.json'),
    ).not.toThrow();
  });

  test('a lowercase environment variable name is rejected', () => {
    expectRejected(set(productionJson(), 'service.environment', { region: 'us-east-1' }), 'service.environment.region', /UPPER_SNAKE_CASE/);
  });

  test('an image tag with a slash is rejected', () => {
    expectRejected(set(productionJson(), 'service.imageTag', 'v1/2'), 'service.imageTag', /Docker tag/);
  });

  test('an autoscaling maximum below the desired count is rejected', () => {
    expectRejected(
      set(productionJson(), 'service.autoscaling.maxCapacity', 2),
      'service.autoscaling.maxCapacity',
      /at least service\.desiredCount \(3\)/,
      '2',
    );
  });

  test('a Spot weight above 10 is rejected', () => {
    expectRejected(set(devJson(), 'service.fargateSpotWeight', 11), 'service.fargateSpotWeight', /must be at most 10/);
  });
});
