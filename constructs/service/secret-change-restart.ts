import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../shared/policy';
import { secretChangeEventPattern } from './secret-change-events';

export interface SecretChangeRestartProps {
  readonly region: string;
  readonly account: string;
  /** Prefix of every name (state machine, rule, roles), e.g. `fintech-production`. */
  readonly namePrefix: string;
  readonly clusterName: string;
  readonly serviceName: string;
  /** The secrets ECS injects into the tasks at start (full or name-only ARNs, or references). */
  readonly secretArns: readonly string[];
}

/** The ARN `ecs:UpdateService` authorizes against. */
export function ecsServiceArn(region: string, account: string, clusterName: string, serviceName: string): string {
  return `arn:aws:ecs:${region}:${account}:service/${clusterName}/${serviceName}`;
}

/** A trust policy for one AWS service principal, from this account and one source ARN only (confused deputy). */
function trustFor(scope: Construct, id: string, service: string, account: string, sourceArn: string): DataAwsIamPolicyDocument {
  return new DataAwsIamPolicyDocument(scope, id, {
    statement: [
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: [service] }],
        condition: [
          { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] },
          { test: 'ArnLike', variable: 'aws:SourceArn', values: [sourceArn] },
        ],
      },
    ],
  });
}

/**
 * Rolls the service's tasks when one of its injected secrets changes. ECS reads injected secrets
 * only when a task starts, so after a rotation (RDS rotates a managed master password every 7 days
 * by default) or a hand-put value, running tasks keep the old value until they are replaced.
 *
 * An EventBridge rule on the Secrets Manager events of those secrets (secret-change-events.ts)
 * starts a Step Functions state machine whose one task calls `ecs:UpdateService` with
 * `ForceNewDeployment` through the AWS SDK integration: a rolling deployment with the service's
 * own settings (minimum healthy 100 %, circuit breaker). No Lambda function to maintain.
 *
 * Least privilege: the rule's role may only start this state machine; the state machine's role
 * may only update this service (a forced deployment keeps the task definition, so no
 * `iam:PassRole`). Each trusts its service principal from this account and this rule or machine only.
 * The state machine does not log to CloudWatch Logs: log delivery needs `logs:*LogDelivery` on
 * Resource "*"; its execution history (kept 90 days) and the service's events record each restart.
 */
export class SecretChangeRestart extends Construct {
  public readonly stateMachine: SfnStateMachine;
  public readonly rule: CloudwatchEventRule;
  public readonly target: CloudwatchEventTarget;
  public readonly stateMachineRole: IamRole;
  public readonly eventsRole: IamRole;
  /** What the state machine's role may do. */
  public readonly restartPolicy: DataAwsIamPolicyDocument;
  /** What the rule's role may do. */
  public readonly startPolicy: DataAwsIamPolicyDocument;

  public constructor(scope: Construct, id: string, props: SecretChangeRestartProps) {
    super(scope, id);
    if (props.secretArns.length === 0) {
      throw new Error(`SecretChangeRestart ${id}: secretArns is empty; pass the ARNs of the secrets ECS injects into the tasks.`);
    }
    const { region, account, namePrefix } = props;
    const machineName = `${namePrefix}-restart-on-secret-change`;
    const ruleName = `${namePrefix}-injected-secret-changed`;
    const machineArn = `arn:aws:states:${region}:${account}:stateMachine:${machineName}`;
    const serviceArn = ecsServiceArn(region, account, props.clusterName, props.serviceName);

    const restartStatement: PolicyStatement = {
      sid: 'ForceNewDeploymentOfTheService',
      effect: 'Allow',
      actions: ['ecs:UpdateService'],
      resources: [serviceArn],
    };
    this.restartPolicy = new DataAwsIamPolicyDocument(this, 'update-service-policy', { statement: [restartStatement] });
    this.stateMachineRole = new IamRole(this, 'state-machine-role', {
      name: `${namePrefix}-secret-restart-sfn`,
      description: `Step Functions: force a new deployment of ECS service ${props.serviceName}`,
      assumeRolePolicy: trustFor(this, 'state-machine-trust', 'states.amazonaws.com', account, machineArn).json,
    });
    new IamRolePolicy(this, 'state-machine-role-policy', {
      name: 'force-new-deployment',
      role: this.stateMachineRole.id,
      policy: this.restartPolicy.json,
    });

    this.stateMachine = new SfnStateMachine(this, 'state-machine', {
      name: machineName,
      type: 'STANDARD',
      roleArn: this.stateMachineRole.arn,
      definition: JSON.stringify({
        Comment: `Rolls the tasks of ECS service ${props.serviceName} so they read the injected secrets' new values (EventBridge rule ${ruleName}).`,
        StartAt: 'ForceNewDeployment',
        States: {
          ForceNewDeployment: {
            Type: 'Task',
            Resource: 'arn:aws:states:::aws-sdk:ecs:updateService',
            Parameters: { Cluster: props.clusterName, Service: props.serviceName, ForceNewDeployment: true },
            // UpdateService answers with the whole service (events included); keep what identifies the deployment.
            ResultSelector: { 'ServiceArn.$': '$.Service.ServiceArn', 'TaskDefinition.$': '$.Service.TaskDefinition' },
            TimeoutSeconds: 60,
            // Throttling or a transient ECS error: a forced deployment is safe to request again.
            Retry: [{ ErrorEquals: ['States.TaskFailed', 'States.Timeout'], IntervalSeconds: 10, MaxAttempts: 3, BackoffRate: 2 }],
            End: true,
          },
        },
      }),
    });

    const pattern = secretChangeEventPattern(props.secretArns);
    this.rule = new CloudwatchEventRule(this, 'rule', {
      name: ruleName,
      description: `An injected secret of ECS service ${props.serviceName} changed: restart its tasks`,
      // Plain JSON when every ARN is known at synth (readable in a plan); jsonencode() when some is a reference.
      eventPattern: props.secretArns.some((arn) => Token.isUnresolved(arn)) ? Fn.jsonencode(pattern) : JSON.stringify(pattern),
    });
    this.startPolicy = new DataAwsIamPolicyDocument(this, 'start-execution-policy', {
      statement: [{ sid: 'StartTheRestart', effect: 'Allow', actions: ['states:StartExecution'], resources: [this.stateMachine.arn] }],
    });
    this.eventsRole = new IamRole(this, 'events-role', {
      name: `${namePrefix}-secret-restart-events`,
      description: `EventBridge: start ${machineName}`,
      assumeRolePolicy: trustFor(
        this,
        'events-trust',
        'events.amazonaws.com',
        account,
        `arn:aws:events:${region}:${account}:rule/${ruleName}`,
      ).json,
    });
    new IamRolePolicy(this, 'events-role-policy', { name: 'start-restart', role: this.eventsRole.id, policy: this.startPolicy.json });
    this.target = new CloudwatchEventTarget(this, 'target', {
      rule: this.rule.name,
      targetId: 'restart-service',
      arn: this.stateMachine.arn,
      roleArn: this.eventsRole.arn,
    });
  }
}
