import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';

export interface ServiceRolesProps {
  readonly region: string;
  readonly account: string;
  readonly executionRoleName: string;
  readonly taskRoleName: string;
  /** Repository the execution role pulls from. */
  readonly repositoryArn: string;
  /** Log group the awslogs driver writes to. */
  readonly logGroupArn: string;
  /** Secrets injected into the container at start (execution role reads these only). */
  readonly injectedSecretArns: readonly string[];
  /**
   * Secrets the application reads at runtime, as ARN patterns (e.g. `...:secret:fintech/*`).
   * @default none
   */
  readonly runtimeSecretArnPatterns?: readonly string[];
  /** The customer-managed key that encrypts the secrets and the sessions table. */
  readonly kmsKeyArn: string;
  /** DynamoDB tables the application reads and writes (their indexes included). */
  readonly tableArns: readonly string[];
  /**
   * Extra statements for the task role (e.g. ECS Exec's ssmmessages actions).
   * @default none
   */
  readonly additionalTaskStatements?: readonly DataAwsIamPolicyDocumentStatement[];
}

/** Actions that make up DynamoDB item CRUD, without table management or scans. */
export const DYNAMODB_CRUD_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
] as const;

/**
 * The IAM resource patterns that match a secret given by ARN. Secrets Manager appends a random
 * 6-character suffix to every secret ARN; an ARN from the environment file may be the complete
 * one or name-only (as the seed's are), and the two cannot be told apart by their text (a name
 * may itself end in "-abc123"). Both are granted: the ARN exactly, and the ARN followed by one
 * suffix — nothing wider. A Terraform reference is already the complete ARN.
 */
export function secretArnPatterns(arn: string): string[] {
  return arn.includes('${') ? [arn] : [arn, `${arn}-??????`];
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

    const secretsViaService = {
      test: 'StringEquals',
      variable: 'kms:ViaService',
      values: [`secretsmanager.${props.region}.amazonaws.com`],
    };

    this.executionPolicy = new DataAwsIamPolicyDocument(this, 'execution-policy', {
      statement: [
        {
          sid: 'EcrAuthorizationToken',
          effect: 'Allow',
          actions: ['ecr:GetAuthorizationToken'],
          // GetAuthorizationToken is account-wide: it supports no resource-level permission, so
          // AWS requires Resource "*" for it. It grants a registry login, not image access.
          resources: ['*'],
        },
        {
          sid: 'EcrPullImage',
          effect: 'Allow',
          actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
          resources: [props.repositoryArn],
        },
        {
          sid: 'WriteContainerLogs',
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`${props.logGroupArn}:log-stream:*`],
        },
        {
          sid: 'ReadInjectedSecrets',
          effect: 'Allow',
          actions: ['secretsmanager:GetSecretValue'],
          resources: props.injectedSecretArns.flatMap(secretArnPatterns),
        },
        {
          sid: 'DecryptInjectedSecrets',
          effect: 'Allow',
          actions: ['kms:Decrypt'],
          resources: [props.kmsKeyArn],
          condition: [secretsViaService],
        },
      ],
    });

    const taskStatements: DataAwsIamPolicyDocumentStatement[] = [
      {
        sid: 'SessionsTableCrud',
        effect: 'Allow',
        actions: [...DYNAMODB_CRUD_ACTIONS],
        resources: props.tableArns.flatMap((arn) => [arn, `${arn}/index/*`]),
      },
      {
        sid: 'DecryptWithServiceKey',
        effect: 'Allow',
        actions: ['kms:Decrypt', 'kms:DescribeKey'],
        resources: [props.kmsKeyArn],
      },
    ];
    if (props.runtimeSecretArnPatterns && props.runtimeSecretArnPatterns.length > 0) {
      taskStatements.unshift({
        sid: 'ReadApplicationSecrets',
        effect: 'Allow',
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [...props.runtimeSecretArnPatterns],
      });
    }
    taskStatements.push(...(props.additionalTaskStatements ?? []));
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
    new IamRolePolicy(this, 'task-role-policy', {
      name: 'application',
      role: this.taskRole.id,
      policy: this.taskPolicy.json,
    });
  }
}
