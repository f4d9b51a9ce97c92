import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Testing } from 'cdktf';
import { VpcFlowLog, type VpcFlowLogProps } from '../../../../constructs/network/vpc-flow-log';
import { policyDocumentsOf, referenceTo, statementsOf } from '../../../helpers/constructs';

const ACCOUNT = '296674251987';
const REGION = 'us-east-1';
const VPC_ID = 'vpc-05ae083309505dd2d';
const KMS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/5f0c2d1e-8a7b-4c3d-9e6f-0a1b2c3d4e5f`;

const BASE: VpcFlowLogProps = {
  vpcId: VPC_ID,
  account: ACCOUNT,
  region: REGION,
  namePrefix: 'fintech-production',
  kmsKeyArn: KMS_KEY,
};

function synthFlowLog(overrides: Partial<VpcFlowLogProps> = {}): string {
  return Testing.synthScope((scope) => {
    new VpcFlowLog(scope, 'flow-log', { ...BASE, ...overrides });
  });
}

/** `${data.aws_iam_policy_document.<name>.json}` of the only policy document whose name contains `fragment`. */
function documentJson(synth: string, fragment: string): string {
  const names = Object.keys(policyDocumentsOf(synth)).filter((name) => name.includes(fragment));
  if (names.length !== 1) throw new Error(`expected one policy document named *${fragment}*, found ${names.length}`);
  return '${' + `data.aws_iam_policy_document.${names[0]!}.json` + '}';
}

describe('VpcFlowLog', () => {
  describe('with the defaults', () => {
    let synth: string;
    let logGroupArn: string;
    beforeAll(() => {
      synth = synthFlowLog();
      logGroupArn = referenceTo(synth, 'aws_cloudwatch_log_group', () => true, 'arn');
    });

    test('records the flow log on the given VPC', () => {
      expect(synth).toHaveResourceWithProperties(FlowLog, { vpc_id: VPC_ID });
    });

    test('records ALL traffic by default', () => {
      expect(synth).toHaveResourceWithProperties(FlowLog, { traffic_type: 'ALL' });
    });

    test('delivers to CloudWatch Logs, to the log group', () => {
      expect(synth).toHaveResourceWithProperties(FlowLog, {
        log_destination_type: 'cloud-watch-logs',
        log_destination: logGroupArn,
      });
    });

    test('delivers with the flow log role', () => {
      expect(synth).toHaveResourceWithProperties(FlowLog, {
        iam_role_arn: referenceTo(synth, 'aws_iam_role', () => true, 'arn'),
      });
    });

    test('aggregates records over 60 s', () => {
      expect(synth).toHaveResourceWithProperties(FlowLog, { max_aggregation_interval: 60 });
    });

    test('the log group is named after the prefix', () => {
      expect(synth).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/vpc/fintech-production/flow-logs' });
    });

    test('the log group is encrypted with the given KMS key', () => {
      expect(synth).toHaveResourceWithProperties(CloudwatchLogGroup, { kms_key_id: KMS_KEY });
    });

    test('flow records are kept 90 days by default', () => {
      expect(synth).toHaveResourceWithProperties(CloudwatchLogGroup, { retention_in_days: 90 });
    });

    test('the role is named after the prefix and trusts the trust policy document', () => {
      expect(synth).toHaveResourceWithProperties(IamRole, {
        name: 'fintech-production-flow-logs',
        assume_role_policy: documentJson(synth, 'trust'),
      });
    });

    test('only the VPC flow logs service may assume the role', () => {
      expect(statementsOf(synth, 'trust')).toEqual([
        expect.objectContaining({
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [expect.objectContaining({ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] })],
        }),
      ]);
    });

    test('the trust is limited to this account (aws:SourceAccount)', () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: [
          expect.objectContaining({
            condition: expect.arrayContaining([
              expect.objectContaining({ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] }),
            ]),
          }),
        ],
      });
    });

    test("the trust is limited to this account's flow logs in this region (aws:SourceArn)", () => {
      expect(statementsOf(synth, 'trust')[0]!.condition).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            test: 'ArnLike',
            variable: 'aws:SourceArn',
            values: [`arn:aws:ec2:${REGION}:${ACCOUNT}:vpc-flow-log/*`],
          }),
        ]),
      );
    });

    test('the role policy attaches the write policy document to the role', () => {
      expect(synth).toHaveResourceWithProperties(IamRolePolicy, {
        role: referenceTo(synth, 'aws_iam_role', () => true),
        policy: documentJson(synth, 'write'),
      });
    });

    test('the role may write only to the log group and its streams', () => {
      expect(statementsOf(synth, 'write')).toEqual([
        expect.objectContaining({
          effect: 'Allow',
          resources: [logGroupArn, `${logGroupArn}:log-stream:*`],
        }),
      ]);
    });

    test('the role may create streams, put events and describe streams, nothing more', () => {
      expect(statementsOf(synth, 'write')[0]!.actions).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams']);
    });
  });

  test.each(['ACCEPT', 'REJECT'] as const)('trafficType %p overrides the traffic recorded', (trafficType) => {
    expect(synthFlowLog({ trafficType })).toHaveResourceWithProperties(FlowLog, { traffic_type: trafficType });
  });

  test('retentionDays overrides the flow record retention', () => {
    expect(synthFlowLog({ retentionDays: 365 })).toHaveResourceWithProperties(CloudwatchLogGroup, { retention_in_days: 365 });
  });

  test('the trust conditions follow the given account and region', () => {
    const synth = synthFlowLog({ account: '111122223333', region: 'eu-west-1' });
    expect(statementsOf(synth, 'trust')[0]!.condition).toEqual([
      expect.objectContaining({ variable: 'aws:SourceAccount', values: ['111122223333'] }),
      expect.objectContaining({ variable: 'aws:SourceArn', values: ['arn:aws:ec2:eu-west-1:111122223333:vpc-flow-log/*'] }),
    ]);
  });
});
