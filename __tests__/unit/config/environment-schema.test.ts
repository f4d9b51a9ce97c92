import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseEnvironment, type ConfigProblem } from '../../../config/load';

type Json = Record<string, unknown>;

/** The checked-in production file as raw JSON, freshly copied. */
function productionJson(): Json {
  return JSON.parse(readFileSync(join(__dirname, '../../../config/production.json'), 'utf8')) as Json;
}
function devJson(): Json {
  return JSON.parse(readFileSync(join(__dirname, '../../../config/dev.json'), 'utf8')) as Json;
}

/** Sets a value at a dotted path (numeric segments index arrays). */
function set(obj: Json, path: string, value: unknown): Json {
  const keys = path.split('.');
  let cur: Record<string, unknown> = obj;
  for (const key of keys.slice(0, -1)) cur = cur[key] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return obj;
}

/** Validates and returns the problems; fails the test if the input is accepted. */
function problemsOf(data: Json): readonly ConfigProblem[] {
  try {
    parseEnvironment(data, 'config/production.json');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the environment to be rejected, but it was accepted');
}

function expectRejected(data: Json, path: string, message: RegExp, value?: string): void {
  const problems = problemsOf(data);
  const match = problems.find((p) => p.path === path);
  expect({ path, found: problems.map((p) => p.path) }).toEqual({ path, found: expect.arrayContaining([path]) });
  expect(match!.message).toMatch(message);
  if (value !== undefined) expect(match!.value).toBe(value);
}

describe('environment schema: the checked-in environments', () => {
  test('production.json is valid', () => {
    expect(() => parseEnvironment(productionJson(), 'production.json', 'production')).not.toThrow();
  });

  test('dev.json is valid', () => {
    expect(() => parseEnvironment(devJson(), 'dev.json', 'dev')).not.toThrow();
  });
});

describe('environment schema: strictness', () => {
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
});

describe('environment schema: AWS identifiers', () => {
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

  test('a secret in another region is rejected: ECS injects secrets from its own region only', () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:296674251987:secret:fintech/api-keys';
    expectRejected(
      set(productionJson(), 'dataServices.apiKeySecretArn', arn),
      'dataServices.apiKeySecretArn',
      /this environment's region and account/,
    );
  });

  test('a subnet listed twice is rejected', () => {
    const data = set(productionJson(), 'network.taskSubnetIds', ['subnet-01808abced051ff76', 'subnet-01808abced051ff76']);
    expectRejected(data, 'network.taskSubnetIds[1]', /listed twice/);
  });

  test('fewer than two task subnets are rejected (two AZs)', () => {
    expectRejected(
      set(productionJson(), 'network.taskSubnetIds', ['subnet-01808abced051ff76']),
      'network.taskSubnetIds',
      /must list at least 2 items/,
    );
  });
});

describe('environment schema: Fargate sizes and the service', () => {
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

  test('a listener port outside 1–65535 is rejected', () => {
    expectRejected(set(productionJson(), 'loadBalancer.listenerPort', 70000), 'loadBalancer.listenerPort', /must be at most 65535/);
  });

  test('a log retention CloudWatch does not offer is rejected', () => {
    expectRejected(set(productionJson(), 'service.logRetentionDays', 10), 'service.logRetentionDays', /retention periods/);
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

  test('a lowercase environment variable name is rejected', () => {
    expectRejected(set(productionJson(), 'service.environment', { region: 'us-east-1' }), 'service.environment.region', /UPPER_SNAKE_CASE/);
  });

  test('an image tag with a slash is rejected', () => {
    expectRejected(set(productionJson(), 'service.imageTag', 'v1/2'), 'service.imageTag', /Docker tag/);
  });

  test('an ALB name over 32 characters is rejected', () => {
    expectRejected(set(productionJson(), 'loadBalancer.name', 'a'.repeat(33)), 'loadBalancer.name', /must be at most 32 characters/);
  });
});

describe('environment schema: health-check bounds', () => {
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
});

describe('environment schema: security settings', () => {
  test('a region other than us-east-1 is rejected: the edge resources must live there', () => {
    expectRejected(set(productionJson(), 'region', 'eu-west-1'), 'region', /must be us-east-1/, '"eu-west-1"');
  });

  test('"latest" is rejected as the image tag of an immutable repository', () => {
    expectRejected(set(productionJson(), 'service.imageTag', 'latest'), 'service.imageTag', /cannot be "latest" with immutable tags/);
  });

  test('"latest" is accepted when the repository is mutable', () => {
    const data = set(set(productionJson(), 'service.imageTag', 'latest'), 'registry.imageTagMutability', 'MUTABLE');
    expect(() => parseEnvironment(data, 'production.json')).not.toThrow();
  });

  test('a CloudFront certificate outside us-east-1 is rejected', () => {
    const data = set(
      set(productionJson(), 'edge.certificateArn', 'arn:aws:acm:eu-west-1:296674251987:certificate/0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f'),
      'edge.aliases',
      ['api.example.com'],
    );
    expectRejected(data, 'edge.certificateArn', /must be in us-east-1: CloudFront only uses ACM certificates from us-east-1/);
  });

  test('aliases without a certificate are rejected', () => {
    expectRejected(set(productionJson(), 'edge.aliases', ['api.example.com']), 'edge.aliases', /need edge\.certificateArn/);
  });

  test('a certificate without aliases is rejected', () => {
    const arn = 'arn:aws:acm:us-east-1:296674251987:certificate/0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f';
    expectRejected(set(productionJson(), 'edge.certificateArn', arn), 'edge.certificateArn', /edge\.aliases is empty/);
  });

  test('an ALB certificate from another region is rejected', () => {
    const arn = 'arn:aws:acm:us-west-2:296674251987:certificate/0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f';
    expectRejected(
      set(productionJson(), 'loadBalancer.certificateArn', arn),
      'loadBalancer.certificateArn',
      /must be in the environment's region \(us-east-1\)/,
    );
  });

  test('an ALB certificate without the origin domain name is rejected', () => {
    const arn = 'arn:aws:acm:us-east-1:296674251987:certificate/0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f';
    expectRejected(
      set(productionJson(), 'loadBalancer.certificateArn', arn),
      'loadBalancer.originDomainName',
      /is required with loadBalancer\.certificateArn/,
    );
  });

  test('a malformed certificate ARN is rejected', () => {
    expectRejected(
      set(productionJson(), 'loadBalancer.certificateArn', 'arn:aws:acm:us-east-1:1:cert'),
      'loadBalancer.certificateArn',
      /ACM certificate ARN/,
    );
  });

  test('a WAF rate limit under 10 is rejected', () => {
    expectRejected(
      set(productionJson(), 'edge.webAcl', { rateLimitPer5Minutes: 5 }),
      'edge.webAcl.rateLimitPer5Minutes',
      /must be at least 10/,
    );
  });

  test('an alias that is not a DNS name is rejected', () => {
    expectRejected(set(productionJson(), 'edge.aliases', ['not a host']), 'edge.aliases[0]', /DNS name/);
  });
});

describe('environment schema: operations', () => {
  test('an autoscaling maximum below the desired count is rejected', () => {
    expectRejected(
      set(productionJson(), 'service.autoscaling.maxCapacity', 2),
      'service.autoscaling.maxCapacity',
      /at least service\.desiredCount \(3\)/,
      '2',
    );
  });

  test('Spot tasks in a production-like environment are rejected', () => {
    expectRejected(
      set(productionJson(), 'service.fargateSpotWeight', 1),
      'service.fargateSpotWeight',
      /must be 0 in a production-like environment/,
    );
  });

  test('ECS Exec in a production-like environment is rejected', () => {
    expectRejected(set(productionJson(), 'service.ecsExec', true), 'service.ecsExec', /must be false in a production-like environment/);
  });

  test('a production-like environment without ALB deletion protection is rejected', () => {
    expectRejected(
      set(productionJson(), 'loadBalancer.deletionProtection', false),
      'loadBalancer.deletionProtection',
      /must be true in a production-like environment/,
    );
  });

  test('a Spot weight above 10 is rejected', () => {
    expectRejected(set(devJson(), 'service.fargateSpotWeight', 11), 'service.fargateSpotWeight', /must be at most 10/);
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
});

describe('environment schema: greenfield network and data tier', () => {
  test('a VPC CIDR larger than /16 is rejected', () => {
    const data = set(devJson(), 'network.cidrBlock', '10.0.0.0/8');
    expect(() => parseEnvironment(data, 'dev.json')).toThrow(/network\.cidrBlock: got "10\.0\.0\.0\/8"; must be an IPv4 CIDR block/);
  });

  test('one availability zone is rejected', () => {
    expect(() => parseEnvironment(set(devJson(), 'network.availabilityZoneCount', 1), 'dev.json')).toThrow(
      /network\.availabilityZoneCount: got 1/,
    );
  });

  test('a Redis node type outside the allowed list is rejected', () => {
    expect(() => parseEnvironment(set(devJson(), 'dataServices.redis.nodeType', 'cache.t2.micro'), 'dev.json')).toThrow(
      /dataServices\.redis\.nodeType: got "cache\.t2\.micro"; allowed: "cache\.t4g\.micro", "cache\.t4g\.small"/,
    );
  });

  test('a PostgreSQL version outside the allowed list is rejected', () => {
    expect(() => parseEnvironment(set(devJson(), 'dataServices.database.engineVersion', '11.1'), 'dev.json')).toThrow(
      /dataServices\.database\.engineVersion: got "11\.1"/,
    );
  });

  test('backup retention under 7 days is rejected', () => {
    expect(() => parseEnvironment(set(devJson(), 'dataServices.database.backupRetentionDays', 3), 'dev.json')).toThrow(
      /dataServices\.database\.backupRetentionDays: got 3/,
    );
  });

  test('a malformed backup window is rejected', () => {
    expect(() => parseEnvironment(set(devJson(), 'dataServices.database.backupWindow', '2am-3am'), 'dev.json')).toThrow(
      /dataServices\.database\.backupWindow: got "2am-3am"; a UTC window hh:mm-hh:mm/,
    );
  });

  test('a malformed maintenance window is rejected', () => {
    expect(() => parseEnvironment(set(devJson(), 'dataServices.redis.maintenanceWindow', 'sunday 5am'), 'dev.json')).toThrow(
      /dataServices\.redis\.maintenanceWindow: got "sunday 5am"; a weekly UTC window/,
    );
  });

  test('a reserved database user name is rejected', () => {
    expect(() => parseEnvironment(set(devJson(), 'dataServices.database.masterUsername', 'postgres'), 'dev.json')).toThrow(
      /dataServices\.database\.masterUsername: got "postgres"; is reserved/,
    );
  });

  test('a storage ceiling below the allocated storage is rejected', () => {
    const data = set(set(devJson(), 'dataServices.database.allocatedStorageGb', 100), 'dataServices.database.maxAllocatedStorageGb', 50);
    expect(() => parseEnvironment(data, 'dev.json')).toThrow(/maxAllocatedStorageGb: got 50; must be at least allocatedStorageGb \(100\)/);
  });

  test('zero Redis replicas are rejected (no failover)', () => {
    expect(() => parseEnvironment(set(devJson(), 'dataServices.redis.replicas', 0), 'dev.json')).toThrow(
      /dataServices\.redis\.replicas: got 0/,
    );
  });

  test('an unknown data-tier mode is rejected with the allowed modes', () => {
    expect(() => parseEnvironment(set(devJson(), 'dataServices.mode', 'import'), 'dev.json')).toThrow(
      /dataServices\.mode: got "import"; allowed: "existing", "create"/,
    );
  });
});
