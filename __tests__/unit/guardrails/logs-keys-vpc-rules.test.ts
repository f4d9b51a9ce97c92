import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { findingFor, givenStack } from '../../helpers/guardrails';

const EXISTING_VPC = 'vpc-05ae083309505dd2d';
const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/d9c8447f-91df-4df9-a012-6a5b6eab3cd0';

describe('FIN-LOG1', () => {
  test('compliant: GIVEN a 90-day retention WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const group = new CloudwatchLogGroup(stack, 'logs', { name: '/ecs/api', retentionInDays: 90, kmsKeyId: KEY_ARN });

    expect(findingFor(stack, 'FIN-LOG1', group).status).toBe('compliant');
  });

  test('non-compliant: GIVEN no retention WHEN evaluated THEN the reason says events are kept forever', () => {
    const { stack } = givenStack();
    const group = new CloudwatchLogGroup(stack, 'logs', { name: '/ecs/api', kmsKeyId: KEY_ARN });

    const finding = findingFor(stack, 'FIN-LOG1', group);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('retention_in_days is absent (events kept forever)');
  });
});

describe('FIN-LOG2', () => {
  test('compliant: GIVEN a KMS key WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const group = new CloudwatchLogGroup(stack, 'logs', { name: '/ecs/api', retentionInDays: 90, kmsKeyId: KEY_ARN });

    expect(findingFor(stack, 'FIN-LOG2', group).status).toBe('compliant');
  });

  test('non-compliant: GIVEN no KMS key WHEN evaluated THEN the reason names the log group', () => {
    const { stack } = givenStack();
    const group = new CloudwatchLogGroup(stack, 'logs', { name: '/ecs/api', retentionInDays: 90 });

    const finding = findingFor(stack, 'FIN-LOG2', group);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('kms_key_id is absent for log group "/ecs/api"');
  });
});

describe('FIN-KMS1', () => {
  test('compliant: GIVEN rotation enabled WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    expect(findingFor(stack, 'FIN-KMS1', new KmsKey(stack, 'key', { enableKeyRotation: true })).status).toBe('compliant');
  });

  test('non-compliant: GIVEN rotation disabled WHEN evaluated THEN the reason names the value', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-KMS1', new KmsKey(stack, 'key', { enableKeyRotation: false }));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('enable_key_rotation is false');
  });

  test('not-applicable: GIVEN an asymmetric signing key WHEN evaluated THEN rotation does not apply', () => {
    const { stack } = givenStack();
    const key = new KmsKey(stack, 'key', { customerMasterKeySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY' });

    expect(findingFor(stack, 'FIN-KMS1', key).status).toBe('not-applicable');
  });
});

describe('FIN-SM1', () => {
  test('compliant: GIVEN a secret on a customer-managed key WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const key = new KmsKey(stack, 'key', { enableKeyRotation: true });
    const secret = new SecretsmanagerSecret(stack, 'secret', { name: 'api-key', kmsKeyId: key.arn });

    expect(findingFor(stack, 'FIN-SM1', secret).status).toBe('compliant');
  });

  test('non-compliant: GIVEN a secret without a key WHEN evaluated THEN the reason names kms_key_id', () => {
    const { stack } = givenStack();
    const secret = new SecretsmanagerSecret(stack, 'secret', { name: 'api-key' });

    const finding = findingFor(stack, 'FIN-SM1', secret);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('kms_key_id is absent');
  });

  test('non-compliant: GIVEN an RDS-managed password without a key WHEN evaluated THEN the reason names master_user_secret_kms_key_id', () => {
    const { stack } = givenStack();
    const db = new DbInstance(stack, 'db', { instanceClass: 'db.t4g.micro', engine: 'postgres', manageMasterUserPassword: true });

    const finding = findingFor(stack, 'FIN-SM1', db);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('master_user_secret_kms_key_id is absent');
  });
});

describe('FIN-VPC1', () => {
  test('compliant: GIVEN a flow log on the VPC WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.40.0.0/16' });
    new FlowLog(stack, 'flow-log', {
      vpcId: vpc.id,
      trafficType: 'ALL',
      logDestinationType: 's3',
      logDestination: 'arn:aws:s3:::flow-logs',
    });

    expect(findingFor(stack, 'FIN-VPC1', vpc).status).toBe('compliant');
  });

  test('non-compliant: GIVEN a VPC without a flow log WHEN evaluated THEN the reason names the VPC', () => {
    const { stack } = givenStack();
    const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.40.0.0/16' });

    const finding = findingFor(stack, 'FIN-VPC1', vpc);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain(
      'no aws_flow_log has vpc_id = aws_vpc.vpc.id or the VPC\'s ID: VPC "10.40.0.0/16" (aws_vpc.vpc) is unlogged',
    );
  });

  test('compliant: GIVEN an existing VPC looked up by ID and a flow log naming that ID WHEN evaluated THEN the lookup is compliant', () => {
    const { stack } = givenStack();
    const vpc = new DataAwsVpc(stack, 'vpc', { id: EXISTING_VPC });
    new FlowLog(stack, 'flow-log', {
      vpcId: EXISTING_VPC,
      trafficType: 'ALL',
      logDestinationType: 's3',
      logDestination: 'arn:aws:s3:::logs',
    });

    expect(findingFor(stack, 'FIN-VPC1', vpc).status).toBe('compliant');
  });

  test('compliant: GIVEN a flow log referencing the looked-up VPC WHEN a group uses the literal ID THEN the group is compliant', () => {
    const { stack } = givenStack();
    const vpc = new DataAwsVpc(stack, 'vpc', { id: EXISTING_VPC });
    new FlowLog(stack, 'flow-log', { vpcId: vpc.id, trafficType: 'ALL', logDestinationType: 's3', logDestination: 'arn:aws:s3:::logs' });
    const group = new SecurityGroup(stack, 'group', { name: 'tasks', vpcId: EXISTING_VPC });

    expect(findingFor(stack, 'FIN-VPC1', group).status).toBe('compliant');
  });

  test('non-compliant: GIVEN an existing VPC looked up by ID without a flow log WHEN evaluated THEN the reason names the VPC ID', () => {
    const { stack } = givenStack();
    const vpc = new DataAwsVpc(stack, 'vpc', { id: EXISTING_VPC });

    const finding = findingFor(stack, 'FIN-VPC1', vpc);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain(`VPC "${EXISTING_VPC}" (looked up by data.aws_vpc.vpc) is unlogged`);
    expect(finding.reason).toContain('a flow log attaches to an existing VPC too');
  });

  test('non-compliant: GIVEN a security group in a VPC named only by its literal ID WHEN no flow log covers it THEN the reason names the ID', () => {
    const { stack } = givenStack();
    const group = new SecurityGroup(stack, 'group', { name: 'tasks', vpcId: EXISTING_VPC });

    const finding = findingFor(stack, 'FIN-VPC1', group);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain(`vpc_id "${EXISTING_VPC}" names a VPC this stack uses that no aws_flow_log covers`);
  });

  test('not-applicable: GIVEN a security group in a VPC created here WHEN evaluated THEN the VPC itself is checked', () => {
    const { stack } = givenStack();
    const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.40.0.0/16' });
    const group = new SecurityGroup(stack, 'group', { name: 'tasks', vpcId: vpc.id });

    expect(findingFor(stack, 'FIN-VPC1', group)).toEqual(
      expect.objectContaining({ status: 'not-applicable', reason: 'the VPC is checked on aws_vpc.vpc' }),
    );
  });
});

describe('FIN-VPC2', () => {
  test('compliant: GIVEN an emptied default security group WHEN evaluated THEN the VPC and the group are compliant', () => {
    const { stack } = givenStack();
    const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.40.0.0/16' });
    const group = new DefaultSecurityGroup(stack, 'default', { vpcId: vpc.id });

    expect(findingFor(stack, 'FIN-VPC2', vpc).status).toBe('compliant');
    expect(findingFor(stack, 'FIN-VPC2', group).status).toBe('compliant');
  });

  test('non-compliant: GIVEN a default security group with an egress rule WHEN evaluated THEN the reason names the egress', () => {
    const { stack } = givenStack();
    const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.40.0.0/16' });
    const group = new DefaultSecurityGroup(stack, 'default', {
      vpcId: vpc.id,
      egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'] }],
    });

    const finding = findingFor(stack, 'FIN-VPC2', group);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('egress is [');
    expect(finding.reason).toContain('0.0.0.0/0');
  });

  test('non-compliant: GIVEN a VPC without a default security group resource WHEN evaluated THEN the reason names the VPC', () => {
    const { stack } = givenStack();
    const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.40.0.0/16' });

    const finding = findingFor(stack, 'FIN-VPC2', vpc);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('aws_vpc.vpc.id');
  });
});
