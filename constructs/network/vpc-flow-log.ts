import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';

export interface VpcFlowLogProps {
  readonly vpcId: string;
  readonly account: string;
  readonly region: string;
  /** Prefix of the log group and role names. */
  readonly namePrefix: string;
  /** Key that encrypts the flow log group (its policy must admit CloudWatch Logs). */
  readonly kmsKeyArn: string;
  /**
   * Days flow records are kept.
   * @default 90
   */
  readonly retentionDays?: number;
  /**
   * Traffic recorded: ALL, ACCEPT or REJECT.
   * @default 'ALL'
   */
  readonly trafficType?: 'ALL' | 'ACCEPT' | 'REJECT';
}

/**
 * VPC flow logs to an encrypted CloudWatch log group, delivered by a role that only the flow-logs
 * service of this account can assume and that may write only to that group.
 */
export class VpcFlowLog extends Construct {
  public readonly flowLog: FlowLog;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly role: IamRole;

  public constructor(scope: Construct, id: string, props: VpcFlowLogProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/vpc/${props.namePrefix}/flow-logs`,
      retentionInDays: props.retentionDays ?? 90,
      kmsKeyId: props.kmsKeyArn,
    });
    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.account] },
            { test: 'ArnLike', variable: 'aws:SourceArn', values: [`arn:aws:ec2:${props.region}:${props.account}:vpc-flow-log/*`] },
          ],
        },
      ],
    });
    const write = new DataAwsIamPolicyDocument(this, 'write', {
      statement: [
        {
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [this.logGroup.arn, `${this.logGroup.arn}:log-stream:*`],
        },
      ],
    });
    this.role = new IamRole(this, 'role', {
      name: `${props.namePrefix}-flow-logs`,
      description: 'VPC flow logs delivery to its log group',
      assumeRolePolicy: trust.json,
    });
    new IamRolePolicy(this, 'role-policy', { name: 'write-flow-logs', role: this.role.id, policy: write.json });
    this.flowLog = new FlowLog(this, 'flow-log', {
      vpcId: props.vpcId,
      trafficType: props.trafficType ?? 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: this.role.arn,
      maxAggregationInterval: 60,
    });
  }
}
