import { DataAwsSecretsmanagerRandomPassword } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-random-password';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { ElasticacheParameterGroup } from '@cdktf/provider-aws/lib/elasticache-parameter-group';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { ElasticacheUser } from '@cdktf/provider-aws/lib/elasticache-user';
import { ElasticacheUserGroup } from '@cdktf/provider-aws/lib/elasticache-user-group';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { TerraformOutput, Testing } from 'cdktf';
import { DataServices, type DataServicesProps } from '../../../../constructs/data/data-services';
import { REDIS_APP_USER } from '../../../../constructs/data/redis-cache';
import { referencedDataServices } from '../../../../constructs/data/referenced-data-services';
import { SESSION_KEY_ATTRIBUTE, SESSION_TTL_ATTRIBUTE } from '../../../../constructs/data/sessions-table';
import { onlyResource, resourcesOf } from '../../../helpers/synth';
import {
  bySid,
  dataReferenceTo,
  isWildcardAction,
  outputsOf,
  referenceTo,
  resourceTypesOf,
  statementsOf,
} from '../../../helpers/constructs';

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
const PREFIX = 'fintech-dev';

const BASE: DataServicesProps = {
  region: REGION,
  account: ACCOUNT,
  namePrefix: PREFIX,
  sessionsTableName: 'fintech-dev-sessions',
  secretsPrefix: 'fintech-dev/',
  subnetIds: ['subnet-0aaaaaaaa', 'subnet-0bbbbbbbb'],
  redisSecurityGroupId: 'sg-0redis',
  databaseSecurityGroupId: 'sg-0postgres',
  redis: {
    nodeType: 'cache.t4g.micro',
    engineVersion: '7.1',
    replicas: 1,
    snapshotRetentionDays: 7,
    snapshotWindow: '03:00-04:00',
    maintenanceWindow: 'sun:05:00-sun:06:00',
  },
  database: {
    instanceClass: 'db.t4g.medium',
    engineVersion: '16',
    databaseName: 'fintech',
    masterUsername: 'fintech_admin',
    allocatedStorageGb: 20,
    maxAllocatedStorageGb: 100,
    multiAz: true,
    backupRetentionDays: 7,
    backupWindow: '02:00-03:00',
    maintenanceWindow: 'sun:04:00-sun:05:00',
    performanceInsightsRetentionDays: 7,
  },
};

function synthData(overrides: Partial<DataServicesProps> = {}): string {
  return Testing.synthScope((scope) => {
    new DataServices(scope, 'data', { ...BASE, ...overrides });
  });
}

/** Synthesizes the data tier and exposes its endpoints as outputs, references resolved. */
function synthEndpoints(overrides: Partial<DataServicesProps> = {}): string {
  return Testing.synthScope((scope) => {
    const data = new DataServices(scope, 'data', { ...BASE, ...overrides });
    const e = data.endpoints;
    new TerraformOutput(scope, 'kms_key_arn', { value: e.kmsKeyArn });
    new TerraformOutput(scope, 'sessions_table_arn', { value: e.sessionsTableArn });
    new TerraformOutput(scope, 'environment', { value: e.environment });
    new TerraformOutput(scope, 'container_secrets', { value: e.containerSecrets });
    new TerraformOutput(scope, 'injected_secret_arns', { value: e.injectedSecretArns });
    new TerraformOutput(scope, 'runtime_secret_arn_patterns', { value: e.runtimeSecretArnPatterns });
    new TerraformOutput(scope, 'redis_connect_arns', { value: e.redisConnectArns });
  });
}

function keyRef(synth: string, attribute = 'arn'): string {
  return referenceTo(synth, 'aws_kms_key', () => true, attribute);
}

/** ARN of the RDS-managed master user secret, as synthesized. */
const DB_SECRET_ARN = /^\$\{element\(aws_db_instance\.[^.]+\.master_user_secret, 0\)\.secret_arn\}$/;

describe('DataServices', () => {
  let synth: string;
  beforeAll(() => {
    // GIVEN Redis settings and deletionProtection omitted
    synth = synthData();
  });

  describe('KMS key', () => {
    test('rotates automatically, with a 30-day deletion window', () => {
      expect(synth).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    });

    test('has the key policy document as its policy', () => {
      expect(synth).toHaveResourceWithProperties(KmsKey, {
        policy: expect.stringMatching(/^\$\{data\.aws_iam_policy_document\.[^.]*key-policy[^.]*\.json\}$/),
      });
    });

    test('is aliased alias/<prefix>', () => {
      expect(synth).toHaveResourceWithProperties(KmsAlias, {
        name: `alias/${PREFIX}`,
        target_key_id: keyRef(synth, 'key_id'),
      });
    });

    test('the key policy delegates administration to the account root through IAM', () => {
      expect(bySid(statementsOf(synth, 'key-policy'), 'AccountAdministersKeyThroughIam')).toEqual(
        expect.objectContaining({
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${ACCOUNT}:root`] }],
          actions: ['kms:*'],
          resources: ['*'],
        }),
      );
    });

    test('only the account-root admin statement uses a wildcard action', () => {
      const wildcard = statementsOf(synth, 'key-policy').filter((s) => (s.actions ?? []).some(isWildcardAction));
      expect(wildcard.map((s) => s.sid)).toEqual(['AccountAdministersKeyThroughIam']);
    });

    test('CloudWatch Logs may use the key only for log groups of this account and region', () => {
      expect(bySid(statementsOf(synth, 'key-policy'), 'CloudWatchLogsEncryptsThisAccountsLogGroups')).toEqual(
        expect.objectContaining({
          principals: [{ type: 'Service', identifiers: [`logs.${REGION}.amazonaws.com`] }],
          condition: [
            expect.objectContaining({
              test: 'ArnLike',
              variable: 'kms:EncryptionContext:aws:logs:arn',
              values: [`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:*`],
            }),
          ],
        }),
      );
    });

    test('principals of the account may use the key only through the four data services', () => {
      const statement = bySid(statementsOf(synth, 'key-policy'), 'DataServicesUseThisKeyOnBehalfOfTheAccount');
      expect(statement.actions).not.toContain('kms:*');
      expect(statement.condition).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ test: 'StringEquals', variable: 'kms:CallerAccount', values: [ACCOUNT] }),
          expect.objectContaining({
            test: 'StringEquals',
            variable: 'kms:ViaService',
            values: ['secretsmanager', 'dynamodb', 'rds', 'elasticache'].map((s) => `${s}.${REGION}.amazonaws.com`),
          }),
        ]),
      );
    });

    test('every key policy statement that is not the account-root one carries a condition', () => {
      const unconditioned = statementsOf(synth, 'key-policy').filter(
        (s) => s.sid !== 'AccountAdministersKeyThroughIam' && (s.condition ?? []).length === 0,
      );
      expect(unconditioned).toEqual([]);
    });
  });

  describe('API key secret', () => {
    test('is encrypted with the customer-managed key, named under the secrets prefix', () => {
      expect(synth).toHaveResourceWithProperties(SecretsmanagerSecret, {
        name: 'fintech-dev/api-key',
        kms_key_id: keyRef(synth),
      });
    });

    test('keeps a 30-day recovery window with deletion protection on (the default)', () => {
      expect(synth).toHaveResourceWithProperties(SecretsmanagerSecret, { recovery_window_in_days: 30 });
    });

    test('its initial value is generated by Secrets Manager at apply time (48 characters, no punctuation)', () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsSecretsmanagerRandomPassword, {
        password_length: 48,
        exclude_punctuation: true,
      });
      expect(synth).toHaveResourceWithProperties(SecretsmanagerSecretVersion, {
        secret_id: referenceTo(synth, 'aws_secretsmanager_secret', () => true),
        secret_string: dataReferenceTo(synth, 'aws_secretsmanager_random_password', 'random_password'),
      });
    });

    test('later rotations of the value are not reverted (secret_string changes ignored)', () => {
      expect(synth).toHaveResourceWithProperties(SecretsmanagerSecretVersion, {
        lifecycle: expect.objectContaining({ ignore_changes: ['secret_string'] }),
      });
    });
  });

  describe('DynamoDB sessions table', () => {
    test('bills on demand (PAY_PER_REQUEST)', () => {
      expect(synth).toHaveResourceWithProperties(DynamodbTable, {
        name: 'fintech-dev-sessions',
        billing_mode: 'PAY_PER_REQUEST',
      });
    });

    test('is keyed by the string session_id', () => {
      expect(SESSION_KEY_ATTRIBUTE).toBe('session_id');
      expect(synth).toHaveResourceWithProperties(DynamodbTable, {
        hash_key: 'session_id',
        attribute: [expect.objectContaining({ name: 'session_id', type: 'S' })],
      });
    });

    test('expires sessions through TTL on expires_at', () => {
      expect(SESSION_TTL_ATTRIBUTE).toBe('expires_at');
      expect(synth).toHaveResourceWithProperties(DynamodbTable, {
        ttl: expect.objectContaining({ enabled: true, attribute_name: 'expires_at' }),
      });
    });

    test('has point-in-time recovery on', () => {
      expect(synth).toHaveResourceWithProperties(DynamodbTable, {
        point_in_time_recovery: expect.objectContaining({ enabled: true }),
      });
    });

    test('is encrypted with the customer-managed key', () => {
      expect(synth).toHaveResourceWithProperties(DynamodbTable, {
        server_side_encryption: expect.objectContaining({ enabled: true, kms_key_arn: keyRef(synth) }),
      });
    });

    test('is protected from deletion by default', () => {
      expect(synth).toHaveResourceWithProperties(DynamodbTable, { deletion_protection_enabled: true });
    });
  });

  describe('PostgreSQL', () => {
    test('encrypts storage with the customer-managed key', () => {
      expect(synth).toHaveResourceWithProperties(DbInstance, { storage_encrypted: true, kms_key_id: keyRef(synth) });
    });

    test('is not publicly accessible and sits in the private subnets behind its security group', () => {
      expect(synth).toHaveResourceWithProperties(DbInstance, {
        publicly_accessible: false,
        vpc_security_group_ids: ['sg-0postgres'],
        db_subnet_group_name: referenceTo(synth, 'aws_db_subnet_group', () => true, 'name'),
      });
      expect(synth).toHaveResourceWithProperties(DbSubnetGroup, { subnet_ids: [...BASE.subnetIds] });
    });

    test('requires TLS: rds.force_ssl = 1 in its parameter group', () => {
      expect(synth).toHaveResourceWithProperties(DbParameterGroup, {
        parameter: expect.arrayContaining([expect.objectContaining({ name: 'rds.force_ssl', value: '1' })]),
      });
      expect(synth).toHaveResourceWithProperties(DbInstance, {
        parameter_group_name: referenceTo(synth, 'aws_db_parameter_group', () => true, 'name'),
      });
    });

    test('derives the parameter group family from the major engine version', () => {
      expect(synth).toHaveResourceWithProperties(DbParameterGroup, { family: 'postgres16', name: `${PREFIX}-postgres16` });
    });

    test('enables IAM database authentication', () => {
      expect(synth).toHaveResourceWithProperties(DbInstance, { iam_database_authentication_enabled: true });
    });

    test('exports the postgresql and upgrade logs to CloudWatch', () => {
      expect(synth).toHaveResourceWithProperties(DbInstance, { enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'] });
    });

    test('Performance Insights is on by default, encrypted with the customer-managed key', () => {
      expect(synth).toHaveResourceWithProperties(DbInstance, {
        performance_insights_enabled: true,
        performance_insights_kms_key_id: keyRef(synth),
        performance_insights_retention_period: 7,
      });
    });

    test('keeps automated backups for at least 7 days', () => {
      const backup = onlyResource(synth, 'aws_db_instance').backup_retention_period;
      expect(backup).toBe(7);
      expect(backup).toBeGreaterThanOrEqual(7);
    });

    test('the master password is managed by RDS in Secrets Manager, on the customer-managed key; none is in the config', () => {
      expect(synth).toHaveResourceWithProperties(DbInstance, {
        manage_master_user_password: true,
        master_user_secret_kms_key_id: keyRef(synth),
      });
      expect(onlyResource(synth, 'aws_db_instance').password).toBeUndefined();
    });

    test('deletion protection is on by default and a final snapshot is kept', () => {
      expect(synth).toHaveResourceWithProperties(DbInstance, {
        deletion_protection: true,
        skip_final_snapshot: false,
        final_snapshot_identifier: `${PREFIX}-db-final`,
        apply_immediately: false,
      });
    });

    test('multi_az follows database.multiAz', () => {
      expect(synth).toHaveResourceWithProperties(DbInstance, { multi_az: true });
    });
  });

  describe('Redis', () => {
    test('encrypts in transit (TLS required) and at rest with the customer-managed key', () => {
      expect(synth).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
        transit_encryption_enabled: true,
        transit_encryption_mode: 'required',
        at_rest_encryption_enabled: 'true',
        kms_key_id: keyRef(synth),
      });
    });

    test('fails over automatically across AZs with at least two cache clusters', () => {
      expect(synth).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
        automatic_failover_enabled: true,
        multi_az_enabled: true,
      });
      const clusters = onlyResource(synth, 'aws_elasticache_replication_group').num_cache_clusters;
      expect(clusters).toBe(2);
      expect(clusters).toBeGreaterThanOrEqual(2);
    });

    test('sits in the private subnets behind the Redis security group on port 6379', () => {
      expect(synth).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
        port: 6379,
        security_group_ids: ['sg-0redis'],
        subnet_group_name: referenceTo(synth, 'aws_elasticache_subnet_group', () => true, 'name'),
      });
      expect(synth).toHaveResourceWithProperties(ElasticacheSubnetGroup, { subnet_ids: [...BASE.subnetIds] });
    });

    test('derives the parameter group family from the major engine version', () => {
      expect(synth).toHaveResourceWithProperties(ElasticacheParameterGroup, { family: 'redis7' });
    });

    test('authenticates through a user group holding the disabled default user and the IAM application user', () => {
      const defaultUser = referenceTo(synth, 'aws_elasticache_user', (u) => u.user_name === 'default', 'user_id');
      const appUser = referenceTo(synth, 'aws_elasticache_user', (u) => u.user_name !== 'default', 'user_id');
      expect(synth).toHaveResourceWithProperties(ElasticacheUserGroup, { engine: 'REDIS', user_ids: [defaultUser, appUser] });
      expect(synth).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
        user_group_ids: [referenceTo(synth, 'aws_elasticache_user_group', () => true, 'user_group_id')],
      });
    });

    test('the application user authenticates with IAM; its user ID equals its user name', () => {
      expect(synth).toHaveResourceWithProperties(ElasticacheUser, {
        user_id: `${PREFIX}-${REDIS_APP_USER}`,
        user_name: `${PREFIX}-${REDIS_APP_USER}`,
        authentication_mode: expect.objectContaining({ type: 'iam' }),
      });
    });

    test('the default user is switched off with no permissions', () => {
      expect(synth).toHaveResourceWithProperties(ElasticacheUser, { user_name: 'default', access_string: 'off -@all' });
    });

    test('the application user may not run dangerous commands', () => {
      expect(synth).toHaveResourceWithProperties(ElasticacheUser, {
        user_name: `${PREFIX}-${REDIS_APP_USER}`,
        access_string: expect.stringContaining('-@dangerous'),
      });
    });

    test('num_cache_clusters is the primary plus redis.replicas', () => {
      const synth2 = synthData({ redis: { ...BASE.redis, replicas: 2 } });
      expect(synth2).toHaveResourceWithProperties(ElasticacheReplicationGroup, { num_cache_clusters: 3 });
    });
  });

  describe('endpoints for the application stack', () => {
    let outputs: Record<string, unknown>;
    let endpointSynth: string;
    beforeAll(() => {
      endpointSynth = synthEndpoints();
      outputs = outputsOf(endpointSynth);
    });

    test('point at the created key and table', () => {
      expect(outputs.kms_key_arn).toBe(keyRef(endpointSynth));
      expect(outputs.sessions_table_arn).toBe(referenceTo(endpointSynth, 'aws_dynamodb_table', () => true, 'arn'));
    });

    test('give REDIS_HOST the primary endpoint and the database address, port and name', () => {
      expect(outputs.environment).toEqual({
        REDIS_HOST: referenceTo(endpointSynth, 'aws_elasticache_replication_group', () => true, 'primary_endpoint_address'),
        REDIS_PORT: '6379',
        DB_HOST: referenceTo(endpointSynth, 'aws_db_instance', () => true, 'address'),
        DB_PORT: expect.stringMatching(/^\$\{tostring\(aws_db_instance\.[^.]+\.port\)\}$/),
        DB_NAME: 'fintech',
      });
    });

    test('inject DB_PASSWORD from the RDS-managed secret and API_KEY from the created secret', () => {
      expect(outputs.container_secrets).toEqual([
        {
          name: 'DB_PASSWORD',
          valueFrom: expect.stringMatching(/^\$\{element\(aws_db_instance\.[^.]+\.master_user_secret, 0\)\.secret_arn\}:password::$/),
        },
        { name: 'API_KEY', valueFrom: referenceTo(endpointSynth, 'aws_secretsmanager_secret', () => true, 'arn') },
      ]);
    });

    test('let the execution role read exactly the two injected secrets', () => {
      expect(outputs.injected_secret_arns).toEqual([
        expect.stringMatching(DB_SECRET_ARN),
        referenceTo(endpointSynth, 'aws_secretsmanager_secret', () => true, 'arn'),
      ]);
    });

    test('let the task role read the secrets under the prefix and the RDS-managed secret', () => {
      expect(outputs.runtime_secret_arn_patterns).toEqual([
        `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:fintech-dev/*`,
        expect.stringMatching(DB_SECRET_ARN),
      ]);
    });

    test('let the task role connect to the replication group and as the application user', () => {
      expect(outputs.redis_connect_arns).toEqual([
        referenceTo(endpointSynth, 'aws_elasticache_replication_group', () => true, 'arn'),
        referenceTo(endpointSynth, 'aws_elasticache_user', (u) => u.user_name !== 'default', 'arn'),
      ]);
    });
  });

  describe('with deletionProtection false', () => {
    let unprotected: string;
    beforeAll(() => {
      unprotected = synthData({ deletionProtection: false });
    });

    test('the table is not protected from deletion', () => {
      expect(unprotected).toHaveResourceWithProperties(DynamodbTable, { deletion_protection_enabled: false });
    });

    test('the database is not protected, skips the final snapshot and applies changes immediately', () => {
      expect(unprotected).toHaveResourceWithProperties(DbInstance, {
        deletion_protection: false,
        skip_final_snapshot: true,
        apply_immediately: true,
      });
      expect(onlyResource(unprotected, 'aws_db_instance').final_snapshot_identifier).toBeUndefined();
    });

    test('the API key secret is deleted without a recovery window', () => {
      expect(unprotected).toHaveResourceWithProperties(SecretsmanagerSecret, { recovery_window_in_days: 0 });
    });
  });

  describe('with an external Redis (an endpoint instead of settings)', () => {
    let noRedis: string;
    beforeAll(() => {
      noRedis = synthEndpoints({ redis: { externalEndpoint: 'cache.internal.example' }, redisSecurityGroupId: undefined });
    });

    test('creates no ElastiCache resource of any kind', () => {
      expect(resourceTypesOf(noRedis).filter((t) => t.startsWith('aws_elasticache_'))).toEqual([]);
      expect(noRedis).not.toHaveResource(ElasticacheReplicationGroup);
      expect(noRedis).not.toHaveResource(ElasticacheUser);
    });

    test('still creates the key, the table and the database', () => {
      expect(noRedis).toHaveResource(KmsKey);
      expect(noRedis).toHaveResource(DynamodbTable);
      expect(noRedis).toHaveResource(DbInstance);
    });

    test('REDIS_HOST is the external endpoint on the default port, and no Redis connect ARN is granted', () => {
      const outputs = outputsOf(noRedis);
      expect(outputs.environment).toEqual(expect.objectContaining({ REDIS_HOST: 'cache.internal.example', REDIS_PORT: '6379' }));
      expect(outputs.redis_connect_arns).toEqual([]);
    });

    test('the external port sets REDIS_PORT', () => {
      const outputs = outputsOf(synthEndpoints({ redis: { externalEndpoint: 'cache.internal.example', port: 6380 } }));
      expect(outputs.environment).toEqual(expect.objectContaining({ REDIS_PORT: '6380' }));
    });
  });

  test('rejects redis.replicas 0 (no failover), naming the bad value', () => {
    expect(() => synthData({ redis: { ...BASE.redis, replicas: 0 } })).toThrow(/redis\.replicas must be ≥ 1 .*\(got 0\)/);
  });

  test('rejects fewer than two subnets, naming the count', () => {
    expect(() => synthData({ subnetIds: ['subnet-0aaaaaaaa'] })).toThrow(/subnetIds must span at least two AZs \(got 1\)/);
  });

  test('rejects Redis settings without a Redis security group', () => {
    expect(() => synthData({ redisSecurityGroupId: undefined })).toThrow(/redisSecurityGroupId is required when Redis is created here/);
  });

  test('performanceInsights false turns Performance Insights off, with no key or retention', () => {
    const synth2 = synthData({ performanceInsights: false });
    expect(synth2).toHaveResourceWithProperties(DbInstance, { performance_insights_enabled: false });
    const db = onlyResource(synth2, 'aws_db_instance');
    expect(db.performance_insights_kms_key_id).toBeUndefined();
    expect(db.performance_insights_retention_period).toBeUndefined();
  });

  test('with multiAz false the database runs in a single AZ', () => {
    expect(synthData({ database: { ...BASE.database, multiAz: false } })).toHaveResourceWithProperties(DbInstance, {
      multi_az: false,
    });
  });

  test('creates nothing beyond the documented data tier resources', () => {
    expect(resourceTypesOf(synth).sort()).toEqual(
      [
        'aws_cloudwatch_log_group', // the database's exported logs, created before RDS would
        'aws_db_instance',
        'aws_db_parameter_group',
        'aws_db_subnet_group',
        'aws_dynamodb_table',
        'aws_elasticache_parameter_group',
        'aws_elasticache_replication_group',
        'aws_elasticache_subnet_group',
        'aws_elasticache_user',
        'aws_elasticache_user_group',
        'aws_kms_alias',
        'aws_kms_key',
        'aws_secretsmanager_secret',
        'aws_secretsmanager_secret_version',
      ].sort(),
    );
    expect(Object.keys(resourcesOf(synth, 'aws_elasticache_user'))).toHaveLength(2);
  });
});

describe('referencedDataServices', () => {
  const endpoints = referencedDataServices({
    region: 'us-east-1',
    account: '296674251987',
    kmsKeyId: 'd9c8447f-91df-4df9-a012-6a5b6eab3cd0',
    sessionsTableName: 'fintech-sessions',
    redisEndpoint: 'master.fintech-redis-cluster.qnqmuf.use1.cache.amazonaws.com',
    redisPort: 6379,
    databaseSecretArn: 'arn:aws:secretsmanager:us-east-1:296674251987:secret:fintech/db-credentials',
    databaseSecretPasswordKey: 'password',
    apiKeySecretArn: 'arn:aws:secretsmanager:us-east-1:296674251987:secret:fintech/api-keys',
    applicationSecretsPrefix: 'fintech/',
  });

  test('builds the key and table ARNs from their IDs', () => {
    expect(endpoints.kmsKeyArn).toBe('arn:aws:kms:us-east-1:296674251987:key/d9c8447f-91df-4df9-a012-6a5b6eab3cd0');
    expect(endpoints.sessionsTableArn).toBe('arn:aws:dynamodb:us-east-1:296674251987:table/fintech-sessions');
  });

  test('passes the Redis endpoint and port as plain variables', () => {
    expect(endpoints.environment).toEqual({
      REDIS_HOST: 'master.fintech-redis-cluster.qnqmuf.use1.cache.amazonaws.com',
      REDIS_PORT: '6379',
    });
  });

  test('injects the password by its JSON key and the API key whole', () => {
    expect(endpoints.containerSecrets).toEqual([
      { name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:us-east-1:296674251987:secret:fintech/db-credentials:password::' },
      { name: 'API_KEY', valueFrom: 'arn:aws:secretsmanager:us-east-1:296674251987:secret:fintech/api-keys' },
    ]);
  });

  test('lets the task role read <prefix>* and grants no Redis IAM connect', () => {
    expect(endpoints.runtimeSecretArnPatterns).toEqual(['arn:aws:secretsmanager:us-east-1:296674251987:secret:fintech/*']);
    expect(endpoints.redisConnectArns).toEqual([]);
  });
});
