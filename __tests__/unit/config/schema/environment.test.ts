import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironmentFile, parseEnvironment } from '../../../../config/load';
import { devJson, expectRejected, problemsOf, productionJson, set } from '../../../helpers/config';

describe('environment schema: the file as a whole (checked-in files, strictness, identifiers)', () => {
  test('production.json is valid', () => {
    expect(() => parseEnvironment(productionJson(), 'production.json', 'production')).not.toThrow();
  });

  test('dev.json is valid', () => {
    expect(() => parseEnvironment(devJson(), 'dev.json', 'dev')).not.toThrow();
  });

  test('a misspelt top-level key is rejected by name', () => {
    const data = productionJson();
    data.regoin = 'us-east-1';
    expectRejected(data, 'regoin', /unknown field/, '"us-east-1"');
  });

  test('a misspelt nested key is rejected with its full path', () => {
    expectRejected(
      set(productionJson(), 'loadBalancer.healthCheck.intervalSecs', 30),
      'loadBalancer.healthCheck.intervalSecs',
      /unknown field/,
    );
  });

  test('a missing required field is reported as missing', () => {
    const problems = problemsOf(set(productionJson(), 'service.clusterName', undefined));
    expect(problems).toContainEqual(expect.objectContaining({ path: 'service.clusterName', value: undefined }));
  });

  test('the file name and the name field must agree', () => {
    expect(() => parseEnvironment(productionJson(), 'config/prod.json', 'prod')).toThrow(
      /name: got "production"; must match the file name \("prod"\)/,
    );
  });

  test('the error message names the file, the path, the value and what is allowed', () => {
    expect(() => parseEnvironment(set(productionJson(), 'service.cpu', 300), 'config/production.json')).toThrow(
      /config\/production\.json[\s\S]*service\.cpu: got 300; must be a Fargate CPU size: 256, 512, 1024/,
    );
  });

  test.each([
    ['account', '29667425198', /12-digit AWS account ID/],
    ['region', 'us-east-7', /allowed: "us-east-1", "us-east-2"/],
    ['network.vpcId', 'vpc-xyz', /VPC ID/],
    ['network.taskSubnetIds.0', 'subnet-01808abced051ff7', /subnet ID/],
    ['network.loadBalancerSubnetIds.1', 'sub-01e465ff29dc73d6e', /subnet ID/],
    ['network.additionalTaskSecurityGroupIds', ['sg-00f1816433ac5e19'], /security group ID/],
    ['dataServices.kmsKeyId', 'd9c8447f-91df-4df9-a012', /KMS key ID/],
    ['dataServices.databaseSecretArn', 'arn:aws:secretsmanager:us-east-1:296674251987:fintech/db-credentials', /secret ARN/],
    [
      'dataServices.apiKeySecretArn',
      'arn:aws:secretsmanager:us-east-1:296674251987:secret:fintech/api-keys:password::',
      /no JSON key suffix/,
    ],
    ['dataServices.redisEndpoint', 'redis.example.com', /ElastiCache endpoint/],
    ['state.bucket', 'Fintech_State', /S3 bucket name/],
  ])('%s rejects %j', (path, value, message) => {
    const data = set(productionJson(), path, value);
    const reported = Array.isArray(value) ? `${path}.0`.replace(/\.(\d+)$/, '[$1]') : path.replace(/\.(\d+)$/, '[$1]');
    expectRejected(data, reported, message);
  });
});

describe('regressions found by the property-based tests (fuzz.test.ts)', () => {
  test('an unknown field with an empty name is reported with a path that names it ([""]), not as the root', () => {
    const data = productionJson();
    data[''] = 1;
    expectRejected(data, '[""]', /unknown field/, '1');
  });

  test('an unknown nested field whose name is not a plain identifier is quoted in its path', () => {
    expectRejected(set(productionJson(), 'service.mode ', 'x'), 'service["mode "]', /unknown field/);
  });

  test('a key named constructor set to null is refused by path, not a crash of the validator', () => {
    const data = set(productionJson(), 'service.environment', JSON.parse('{"ENVIRONMENT": "production", "constructor": null}'));
    expectRejected(data, 'service.environment.constructor', /reserved key name/, 'null');
  });

  test('an own __proto__ key, as JSON.parse makes it, is refused by path', () => {
    expectRejected(JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(productionJson()).slice(1)}`), '__proto__', /reserved key name/);
  });

  test('a file saved with a byte-order mark loads like the same file without one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bom-'));
    try {
      const file = join(dir, 'production.json');
      writeFileSync(file, `\ufeff${JSON.stringify(productionJson())}`);
      expect(loadEnvironmentFile(file).name).toBe('production');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
