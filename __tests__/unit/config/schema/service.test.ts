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

  test('kmsDecryptViaServices defaults to Secrets Manager and DynamoDB', () => {
    expect(parseEnvironment(productionJson(), 'p.json').service.kmsDecryptViaServices).toEqual(['secretsmanager', 'dynamodb']);
  });

  test("a kmsDecryptViaServices entry that is not a service using KMS on the caller's behalf is rejected, listing the allowed ones", () => {
    expectRejected(
      set(productionJson(), 'service.kmsDecryptViaServices', ['secretsmanager', 'lambda']),
      'service.kmsDecryptViaServices[1]',
      /allowed: "secretsmanager", "dynamodb", .*"kms"/,
      '"lambda"',
    );
  });

  test('a kmsDecryptViaServices entry listed twice is rejected', () => {
    expectRejected(
      set(productionJson(), 'service.kmsDecryptViaServices', ['dynamodb', 'dynamodb']),
      'service.kmsDecryptViaServices[1]',
      /is listed twice/,
    );
  });

  test('createContainerInsightsLogGroup defaults to true', () => {
    expect(parseEnvironment(productionJson(), 'p.json').service.createContainerInsightsLogGroup).toBe(true);
  });

  test('the container runs as 1000:1000 on a read-only root filesystem, as production states', () => {
    const service = parseEnvironment(productionJson(), 'p.json').service;
    expect([service.containerUser, service.readonlyRootFilesystem]).toEqual(['1000:1000', true]);
  });

  test('a root container user without a reason is rejected, naming the guardrail it weakens', () => {
    expectRejected(
      set(productionJson(), 'service.containerUser', '0:0'),
      'service.containerUserReason',
      /is required: containerUser "0:0" runs the container as root; .*FIN-ECS2/,
    );
  });

  test('a root container user with a reason is accepted', () => {
    const data = set(
      set(productionJson(), 'service.containerUser', 'root'),
      'service.containerUserReason',
      'the seed image binds port 80 as root',
    );
    expect(parseEnvironment(data, 'p.json').service.containerUserReason).toBe('the seed image binds port 80 as root');
  });

  test('a reason for a non-root user is rejected: nothing to explain', () => {
    expectRejected(
      set(productionJson(), 'service.containerUserReason', 'because we always did'),
      'service.containerUserReason',
      /must be omitted: containerUser "1000:1000" is not root/,
    );
  });

  test('a reason shorter than 10 characters is rejected', () => {
    const data = set(set(productionJson(), 'service.containerUser', '0'), 'service.containerUserReason', 'legacy');
    expectRejected(data, 'service.containerUserReason', /say why, in at least 10 characters/);
  });

  test('a malformed container user is rejected', () => {
    expectRejected(
      set(productionJson(), 'service.containerUser', 'app user'),
      'service.containerUser',
      /a user, UID, user:group or UID:GID/,
    );
  });

  test('a writable root filesystem without a reason is rejected, naming the guardrail it weakens', () => {
    expectRejected(
      set(productionJson(), 'service.readonlyRootFilesystem', false),
      'service.readonlyRootFilesystemReason',
      /is required: readonlyRootFilesystem is false; .*FIN-ECS1/,
    );
  });

  test('a reason for a writable root under ECS Exec is rejected: ECS Exec is its own reason', () => {
    const data = set(
      set(set(devJson(), 'service.ecsExec', true), 'service.readonlyRootFilesystem', false),
      'service.readonlyRootFilesystemReason',
      'writes /var/cache at start',
    );
    expectRejected(data, 'service.readonlyRootFilesystemReason', /must be omitted: ecsExec makes the root filesystem writable/);
  });
});
