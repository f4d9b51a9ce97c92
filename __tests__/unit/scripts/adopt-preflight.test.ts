import { collisionFix } from '../../../scripts/lib/adopt/collisions';
import { flowLogsRow, keyPolicyAdmits, LOGS_KEY_ACTIONS, logsKeyStatement } from '../../../scripts/lib/adopt/preflight';

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

describe('flow logs of an existing VPC', () => {
  test('GIVEN a VPC without flow logs WHEN checked THEN the row is ok: the stack adds one', () => {
    expect(flowLogsRow('vpc-05ae083309505dd2d', [])).toEqual({
      resource: 'VPC flow logs',
      status: 'ok',
      detail: expect.stringMatching(/has none/),
    });
  });

  test('GIVEN a VPC that already logs to S3 WHEN checked THEN the row notes the double bill and the command retiring the old log', () => {
    const row = flowLogsRow('vpc-05ae083309505dd2d', [
      { FlowLogId: 'fl-0123456789abcdef0', FlowLogStatus: 'ACTIVE', LogDestination: 'arn:aws:s3:::old-flow-logs' },
    ]);
    expect(row.status).toBe('note');
    expect(row.detail).toMatch(/fl-0123456789abcdef0 \(to arn:aws:s3:::old-flow-logs\).*both are billed/);
    expect(row.detail).toContain('aws ec2 delete-flow-logs --flow-log-ids fl-0123456789abcdef0');
  });

  test('GIVEN only a failed flow log WHEN checked THEN it does not count', () => {
    expect(flowLogsRow('vpc-1', [{ FlowLogId: 'fl-1', FlowLogStatus: 'FAILED' }]).status).toBe('ok');
  });
});

describe('collision fixes', () => {
  test('GIVEN the Container Insights log group exists WHEN reported THEN the fix names the setting made for it', () => {
    expect(collisionFix('aws_cloudwatch_log_group', '/aws/ecs/containerinsights/fintech-cluster/performance')).toMatch(
      /service\.createContainerInsightsLogGroup to false/,
    );
  });

  test('GIVEN any other taken name WHEN reported THEN the fix is to rename or remove it', () => {
    expect(collisionFix('aws_sns_topic', 'fintech-production-alarms')).toMatch(/rename it in the environment file/);
  });
});
