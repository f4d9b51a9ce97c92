import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import type { RoleGrants } from '../shared/policy';

export interface ServiceRolesProps {
  readonly region: string;
  readonly account: string;
  readonly executionRoleName: string;
  readonly taskRoleName: string;
  /**
   * What the resources the service uses grant its roles (the repository, the log group, the data
   * tier, ECS Exec, ...), merged in order: each resource owns the statements that concern it.
   */
  readonly grants: readonly RoleGrants[];
}

/**
 * The two roles of the task, separated by duty and built from policy documents scoped to ARNs:
 * - execution role (ECS agent, at start): pull the image, write logs, read the injected secrets;
 * - task role (the application, at runtime): read its secrets, CRUD on its tables, decrypt with its key.
 * Both trust only `ecs-tasks.amazonaws.com`, from this account.
 */
export class ServiceRoles extends Construct {
  public readonly executionRole: IamRole;
  public readonly taskRole: IamRole;
  public readonly executionPolicy: DataAwsIamPolicyDocument;
  public readonly taskPolicy: DataAwsIamPolicyDocument;
  /** The task role's inline policy (what the application may do). */
  public readonly taskRolePolicy: IamRolePolicy;

  public constructor(scope: Construct, id: string, props: ServiceRolesProps) {
    super(scope, id);
    if (props.executionRoleName === props.taskRoleName) {
      throw new Error(
        `ServiceRoles ${id}: executionRoleName and taskRoleName are both "${props.taskRoleName}"; the two roles must differ (separation of duties).`,
      );
    }
    const assume = new DataAwsIamPolicyDocument(this, 'ecs-tasks-trust', {
      statement: [
        {
          sid: 'EcsTasksAssumeRole',
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }],
          // Confused-deputy protection: only tasks of this account, in this region.
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.account] },
            { test: 'ArnLike', variable: 'aws:SourceArn', values: [`arn:aws:ecs:${props.region}:${props.account}:*`] },
          ],
        },
      ],
    });

    const executionStatements = props.grants.flatMap((g) => g.executionRole ?? []);
    const taskStatements = props.grants.flatMap((g) => g.taskRole ?? []);
    for (const [role, statements, hint] of [
      ['execution', executionStatements, "the repository's and the log group's"],
      ['task', taskStatements, "the data tier's"],
    ] as const) {
      if (statements.length === 0) {
        throw new Error(
          `ServiceRoles ${id}: no grant gives the ${role} role a statement (an empty IAM policy is invalid); pass ${hint} grants.`,
        );
      }
    }
    this.executionPolicy = new DataAwsIamPolicyDocument(this, 'execution-policy', { statement: executionStatements });
    this.taskPolicy = new DataAwsIamPolicyDocument(this, 'task-policy', { statement: taskStatements });

    this.executionRole = new IamRole(this, 'execution-role', {
      name: props.executionRoleName,
      description: 'ECS task execution: pull the image, write logs, read injected secrets',
      assumeRolePolicy: assume.json,
    });
    new IamRolePolicy(this, 'execution-role-policy', {
      name: 'task-execution',
      role: this.executionRole.id,
      policy: this.executionPolicy.json,
    });
    this.taskRole = new IamRole(this, 'task-role', {
      name: props.taskRoleName,
      description: 'Application runtime: its secrets, its sessions table, its KMS key',
      assumeRolePolicy: assume.json,
    });
    this.taskRolePolicy = new IamRolePolicy(this, 'task-role-policy', {
      name: 'application',
      role: this.taskRole.id,
      policy: this.taskPolicy.json,
    });
  }
}
