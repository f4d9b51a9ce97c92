import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';
import type { RoleGrants } from '../shared/policy';
import type { Outputs } from '../shared/outputs';

export interface ServiceLogGroupProps {
  readonly name: string;
  /** Days to keep log events (a CloudWatch Logs retention period). */
  readonly retentionDays: number;
  /** Customer-managed key that encrypts the log events. @default CloudWatch Logs' own encryption */
  readonly kmsKeyArn?: string;
}

/** What the awslogs driver needs to write to a log group: create streams and put events in them. */
export function logWriteGrants(logGroupArn: string): RoleGrants {
  return {
    executionRole: [
      {
        sid: 'WriteContainerLogs',
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${logGroupArn}:log-stream:*`],
      },
    ],
  };
}

/** The container's CloudWatch log group, with retention. */
export class ServiceLogGroup extends Construct {
  /** What an operator needs after a deploy (a stack exports them). */
  public readonly outputs: Outputs;
  public readonly logGroup: CloudwatchLogGroup;
  /** Lets the execution role's awslogs driver write here. */
  public readonly writeGrants: RoleGrants;

  public constructor(scope: Construct, id: string, props: ServiceLogGroupProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: props.name,
      retentionInDays: props.retentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    this.writeGrants = logWriteGrants(this.logGroup.arn);
    this.outputs = { log_group_name: { value: this.logGroup.name, description: 'Container logs.' } };
  }
}
