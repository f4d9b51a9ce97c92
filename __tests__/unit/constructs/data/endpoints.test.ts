import { dataTierGrants, secretArnPatterns, type DataTierAccess } from '../../../../constructs/data/endpoints';
import { DYNAMODB_CRUD_ACTIONS, sessionsTableGrant } from '../../../../constructs/data/sessions-table';
import { ACCOUNT, REGION, KMS_KEY_ARN, TABLE_ARN, DB_SECRET, API_KEY_SECRET_WITH_SUFFIX, RUNTIME_PATTERN } from '../../../helpers/seed';
import { bySid } from '../../../helpers/constructs';

const ACCESS: DataTierAccess = {
  region: REGION,
  kmsKeyArn: KMS_KEY_ARN,
  sessionsTableArn: TABLE_ARN,
  injectedSecretArns: [DB_SECRET, API_KEY_SECRET_WITH_SUFFIX],
  runtimeSecretArnPatterns: [RUNTIME_PATTERN],
  redisConnectArns: [],
};

describe('dataTierGrants', () => {
  test('the execution role reads the injected secrets and decrypts them through Secrets Manager only', () => {
    expect((dataTierGrants(ACCESS).executionRole ?? []).map((s) => s.sid)).toEqual(['ReadInjectedSecrets', 'DecryptInjectedSecrets']);
  });

  test('the task role reads its secrets, uses its table and decrypts with the key', () => {
    expect((dataTierGrants(ACCESS).taskRole ?? []).map((s) => s.sid)).toEqual([
      'ReadApplicationSecrets',
      'SessionsTableCrud',
      'DecryptWithServiceKey',
    ]);
  });

  test('without runtime secret patterns the task role gets no secrets statement', () => {
    const task = dataTierGrants({ ...ACCESS, runtimeSecretArnPatterns: [] }).taskRole ?? [];
    expect(task.map((s) => s.sid)).toEqual(['SessionsTableCrud', 'DecryptWithServiceKey']);
  });

  test('the task role decrypts with the key only through Secrets Manager and DynamoDB (kms:ViaService)', () => {
    expect(bySid(dataTierGrants(ACCESS).taskRole ?? [], 'DecryptWithServiceKey')).toEqual(
      expect.objectContaining({
        actions: ['kms:Decrypt', 'kms:DescribeKey'],
        resources: [KMS_KEY_ARN],
        condition: [
          {
            test: 'StringEquals',
            variable: 'kms:ViaService',
            values: [`secretsmanager.${REGION}.amazonaws.com`, `dynamodb.${REGION}.amazonaws.com`],
          },
        ],
      }),
    );
  });

  test('taskKmsViaServices names the services the task role decrypts through', () => {
    const task = dataTierGrants({ ...ACCESS, taskKmsViaServices: ['secretsmanager', 's3'] }).taskRole ?? [];
    expect(bySid(task, 'DecryptWithServiceKey').condition).toEqual([
      {
        test: 'StringEquals',
        variable: 'kms:ViaService',
        values: [`secretsmanager.${REGION}.amazonaws.com`, `s3.${REGION}.amazonaws.com`],
      },
    ]);
  });

  test('kms in taskKmsViaServices adds a separate statement for direct kms:Decrypt calls, without a condition', () => {
    const task = dataTierGrants({ ...ACCESS, taskKmsViaServices: ['secretsmanager', 'kms'] }).taskRole ?? [];
    expect(bySid(task, 'DecryptWithServiceKeyDirectly')).toEqual({
      sid: 'DecryptWithServiceKeyDirectly',
      effect: 'Allow',
      actions: ['kms:Decrypt'],
      resources: [KMS_KEY_ARN],
    });
    expect(bySid(task, 'DecryptWithServiceKey').condition).toEqual([
      { test: 'StringEquals', variable: 'kms:ViaService', values: [`secretsmanager.${REGION}.amazonaws.com`] },
    ]);
  });

  test('an IAM-authenticated Redis adds elasticache:Connect on exactly its ARNs, last', () => {
    const redis = `arn:aws:elasticache:${REGION}:${ACCOUNT}:replicationgroup:fintech-redis`;
    const task = dataTierGrants({ ...ACCESS, redisConnectArns: [redis] }).taskRole ?? [];
    expect(task.map((s) => s.sid).at(-1)).toBe('ConnectToRedisWithIam');
    expect(bySid(task, 'ConnectToRedisWithIam')).toEqual(expect.objectContaining({ actions: ['elasticache:Connect'], resources: [redis] }));
  });
});

describe('sessionsTableGrant', () => {
  test('grants item CRUD on every listed table and its indexes', () => {
    const second = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/fintech-audit`;
    expect(sessionsTableGrant([TABLE_ARN, second])).toEqual(
      expect.objectContaining({
        actions: [...DYNAMODB_CRUD_ACTIONS],
        resources: [TABLE_ARN, `${TABLE_ARN}/index/*`, second, `${second}/index/*`],
      }),
    );
  });
});

describe('secretArnPatterns', () => {
  test('grants a name-only secret ARN exactly and with one 6-character suffix', () => {
    expect(secretArnPatterns(DB_SECRET)).toEqual([DB_SECRET, `${DB_SECRET}-??????`]);
  });

  test('still matches a complete ARN exactly, even when it looks like a name-only one', () => {
    const nameEndingLikeASuffix = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:fintech/api-tokens`;
    expect(secretArnPatterns(nameEndingLikeASuffix)).toEqual([nameEndingLikeASuffix, `${nameEndingLikeASuffix}-??????`]);
    expect(secretArnPatterns(API_KEY_SECRET_WITH_SUFFIX)).toContain(API_KEY_SECRET_WITH_SUFFIX);
  });

  test('leaves an unresolved Terraform reference alone (its value is the complete ARN)', () => {
    const reference = '${aws_secretsmanager_secret.api_key.arn}';
    expect(secretArnPatterns(reference)).toEqual([reference]);
  });
});
