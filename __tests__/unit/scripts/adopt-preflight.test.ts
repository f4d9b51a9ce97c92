import { keyPolicyAdmits, LOGS_KEY_ACTIONS, logsKeyStatement } from '../../../scripts/lib/adopt/preflight';

const SERVICE = 'logs.us-east-1.amazonaws.com';
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ROOT = {
  Sid: 'Enable IAM User Permissions',
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::296674251987:root' },
  Action: 'kms:*',
  Resource: '*',
};

describe('key policy check', () => {
  test("GIVEN the account's default key policy THEN CloudWatch Logs is not admitted (IAM alone cannot let a service principal in)", () => {
    expect(keyPolicyAdmits(policy(ROOT), SERVICE, LOGS_KEY_ACTIONS)).toBe(false);
  });

  test('GIVEN the statement adopt prints as the fix THEN CloudWatch Logs is admitted', () => {
    expect(keyPolicyAdmits(policy(ROOT, logsKeyStatement('us-east-1', '296674251987')), SERVICE, LOGS_KEY_ACTIONS)).toBe(true);
  });

  test('GIVEN a statement for CloudWatch Logs without GenerateDataKey THEN it is not enough', () => {
    const partial = {
      Effect: 'Allow',
      Principal: { Service: SERVICE },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:Describe*'],
      Resource: '*',
    };
    expect(keyPolicyAdmits(policy(partial), SERVICE, LOGS_KEY_ACTIONS)).toBe(false);
  });

  test('GIVEN the statement for another region THEN it does not count', () => {
    expect(keyPolicyAdmits(policy(logsKeyStatement('eu-west-1', '296674251987')), SERVICE, LOGS_KEY_ACTIONS)).toBe(false);
  });

  test('GIVEN a Deny for CloudWatch Logs THEN it is not an admission', () => {
    const deny = { ...(logsKeyStatement('us-east-1', '296674251987') as Record<string, unknown>), Effect: 'Deny' };
    expect(keyPolicyAdmits(policy(deny), SERVICE, LOGS_KEY_ACTIONS)).toBe(false);
  });

  test('GIVEN a single statement (not a list) with a single action string THEN it is read too', () => {
    const single = JSON.stringify({ Statement: { Effect: 'Allow', Principal: { Service: [SERVICE] }, Action: 'kms:*', Resource: '*' } });
    expect(keyPolicyAdmits(single, SERVICE, LOGS_KEY_ACTIONS)).toBe(true);
  });
});
