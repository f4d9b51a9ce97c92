import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Testing } from 'cdktf';
import { dataTierGrants } from '../../../../constructs/data/endpoints';
import { DYNAMODB_CRUD_ACTIONS } from '../../../../constructs/data/sessions-table';
import { imagePullGrants } from '../../../../constructs/service/container-registry';
import { ecsExecGrants } from '../../../../constructs/service/ecs-exec';
import { ServiceRoles, type ServiceRolesProps } from '../../../../constructs/service/service-roles';
import { logWriteGrants } from '../../../../constructs/service/service-log-group';
import { resourcesOf } from '../../../helpers/synth';
import {
  ACCOUNT,
  REGION,
  REPOSITORY_ARN,
  LOG_GROUP_ARN,
  KMS_KEY_ARN,
  TABLE_ARN,
  DB_SECRET,
  API_KEY_SECRET_WITH_SUFFIX,
  RUNTIME_PATTERN,
} from '../../../helpers/seed';
import { bySid, isWildcardAction, policyDocumentsOf, referenceTo, statementsOf, type PolicyStatement } from '../../../helpers/constructs';

/** The grants of the production service: its repository, its log group and the seed's data tier. */
const GRANTS = [
  imagePullGrants(REPOSITORY_ARN),
  logWriteGrants(LOG_GROUP_ARN),
  dataTierGrants({
    region: REGION,
    kmsKeyArn: KMS_KEY_ARN,
    sessionsTableArn: TABLE_ARN,
    injectedSecretArns: [DB_SECRET, API_KEY_SECRET_WITH_SUFFIX],
    runtimeSecretArnPatterns: [RUNTIME_PATTERN],
    redisConnectArns: [],
  }),
];

const BASE: ServiceRolesProps = {
  region: REGION,
  account: ACCOUNT,
  executionRoleName: 'fintech-api-execution',
  taskRoleName: 'fintech-api-task',
  grants: GRANTS,
};

function synthRoles(overrides: Partial<ServiceRolesProps> = {}): string {
  return Testing.synthScope((scope) => {
    new ServiceRoles(scope, 'roles', { ...BASE, ...overrides });
  });
}

function allStatements(synth: string): PolicyStatement[] {
  return Object.values(policyDocumentsOf(synth)).flat();
}

describe('ServiceRoles', () => {
  let synth: string;
  let execution: readonly PolicyStatement[];
  let task: readonly PolicyStatement[];
  beforeAll(() => {
    synth = synthRoles();
    execution = statementsOf(synth, 'execution-policy');
    task = statementsOf(synth, 'task-policy');
  });

  describe('roles and trust', () => {
    test('creates two roles with the configured, distinct names', () => {
      const names = Object.values(resourcesOf(synth, 'aws_iam_role')).map((r) => r.name);
      expect(names.sort()).toEqual(['fintech-api-execution', 'fintech-api-task']);
    });

    test('both roles trust the ECS tasks trust document', () => {
      const trustName = Object.keys(policyDocumentsOf(synth)).find((n) => n.includes('ecs-tasks-trust'));
      expect(trustName).toBeDefined();
      const trust = `\${data.aws_iam_policy_document.${trustName ?? ''}.json}`;
      expect(synth).toHaveResourceWithProperties(IamRole, { name: 'fintech-api-execution', assume_role_policy: trust });
      expect(synth).toHaveResourceWithProperties(IamRole, { name: 'fintech-api-task', assume_role_policy: trust });
    });

    test('the trust policy lets only ecs-tasks.amazonaws.com assume the roles', () => {
      const trust = statementsOf(synth, 'ecs-tasks-trust');
      expect(trust).toHaveLength(1);
      expect(trust[0]).toEqual(
        expect.objectContaining({
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }],
        }),
      );
    });

    test('the trust policy is limited to tasks of this account and region (confused-deputy protection)', () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: [
          expect.objectContaining({
            sid: 'EcsTasksAssumeRole',
            condition: expect.arrayContaining([
              expect.objectContaining({ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] }),
              expect.objectContaining({
                test: 'ArnLike',
                variable: 'aws:SourceArn',
                values: [`arn:aws:ecs:${REGION}:${ACCOUNT}:*`],
              }),
            ]),
          }),
        ],
      });
    });

    test('the execution policy is attached to the execution role only, the task policy to the task role only', () => {
      const executionRole = referenceTo(synth, 'aws_iam_role', (r) => r.name === 'fintech-api-execution');
      const taskRole = referenceTo(synth, 'aws_iam_role', (r) => r.name === 'fintech-api-task');
      const policies = Object.values(resourcesOf(synth, 'aws_iam_role_policy'));
      expect(policies).toHaveLength(2);
      expect(synth).toHaveResourceWithProperties(IamRolePolicy, {
        role: executionRole,
        policy: expect.stringMatching(/^\$\{data\.aws_iam_policy_document\.[^.]*execution-policy[^.]*\.json\}$/),
      });
      expect(synth).toHaveResourceWithProperties(IamRolePolicy, {
        role: taskRole,
        policy: expect.stringMatching(/^\$\{data\.aws_iam_policy_document\.[^.]*task-policy[^.]*\.json\}$/),
      });
    });
  });

  describe('least privilege across every policy document', () => {
    test('no statement grants "*" or a whole-service wildcard action', () => {
      const wildcards = allStatements(synth).flatMap((s) => (s.actions ?? []).filter(isWildcardAction));
      expect(wildcards).toEqual([]);
    });

    test('Resource "*" appears only on ecr:GetAuthorizationToken', () => {
      const starStatements = allStatements(synth).filter((s) => (s.resources ?? []).includes('*'));
      expect(starStatements.map((s) => s.actions)).toEqual([['ecr:GetAuthorizationToken']]);
    });

    test('every statement allows (no Deny needed, none present)', () => {
      expect(new Set(allStatements(synth).map((s) => s.effect))).toEqual(new Set(['Allow']));
    });
  });

  describe('execution role policy', () => {
    test('gets an ECR registry login token, which supports no resource scoping', () => {
      expect(bySid(execution, 'EcrAuthorizationToken')).toEqual(
        expect.objectContaining({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }),
      );
    });

    test('pulls images from the one repository only', () => {
      expect(bySid(execution, 'EcrPullImage')).toEqual(
        expect.objectContaining({
          actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
          resources: [REPOSITORY_ARN],
        }),
      );
    });

    test('writes log events only to streams of the service log group', () => {
      expect(bySid(execution, 'WriteContainerLogs')).toEqual(
        expect.objectContaining({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`${LOG_GROUP_ARN}:log-stream:*`],
        }),
      );
    });

    test('reads only the injected secrets, matching a name-only ARN by its 6-character suffix', () => {
      expect(bySid(execution, 'ReadInjectedSecrets')).toEqual(
        expect.objectContaining({
          actions: ['secretsmanager:GetSecretValue'],
          resources: [DB_SECRET, `${DB_SECRET}-??????`, API_KEY_SECRET_WITH_SUFFIX, `${API_KEY_SECRET_WITH_SUFFIX}-??????`],
        }),
      );
    });

    test('decrypts with the service key only through Secrets Manager in the region', () => {
      expect(bySid(execution, 'DecryptInjectedSecrets')).toEqual(
        expect.objectContaining({
          actions: ['kms:Decrypt'],
          resources: [KMS_KEY_ARN],
          condition: [
            expect.objectContaining({
              test: 'StringEquals',
              variable: 'kms:ViaService',
              values: [`secretsmanager.${REGION}.amazonaws.com`],
            }),
          ],
        }),
      );
    });

    test('holds no DynamoDB or runtime-secret permission (separation of duties)', () => {
      const actions = execution.flatMap((s) => s.actions ?? []);
      expect(actions.filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
      expect(actions).not.toContain('secretsmanager:DescribeSecret');
      expect(execution.flatMap((s) => s.resources ?? [])).not.toContain(RUNTIME_PATTERN);
    });
  });

  describe('task role policy', () => {
    test('grants item-level DynamoDB CRUD on the sessions table and its indexes', () => {
      expect(bySid(task, 'SessionsTableCrud')).toEqual(
        expect.objectContaining({ actions: [...DYNAMODB_CRUD_ACTIONS], resources: [TABLE_ARN, `${TABLE_ARN}/index/*`] }),
      );
    });

    test('grants no DynamoDB scan or table management', () => {
      const actions = task.flatMap((s) => s.actions ?? []);
      for (const forbidden of ['dynamodb:Scan', 'dynamodb:DeleteTable', 'dynamodb:CreateTable', 'dynamodb:UpdateTable']) {
        expect(actions).not.toContain(forbidden);
      }
    });

    test('decrypts and describes only the service key, and only through Secrets Manager and DynamoDB', () => {
      expect(bySid(task, 'DecryptWithServiceKey')).toEqual(
        expect.objectContaining({
          actions: ['kms:Decrypt', 'kms:DescribeKey'],
          resources: [KMS_KEY_ARN],
          condition: [
            expect.objectContaining({
              variable: 'kms:ViaService',
              values: ['secretsmanager.us-east-1.amazonaws.com', 'dynamodb.us-east-1.amazonaws.com'],
            }),
          ],
        }),
      );
    });

    test('reads the runtime secrets by their ARN patterns', () => {
      expect(bySid(task, 'ReadApplicationSecrets')).toEqual(
        expect.objectContaining({
          actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          resources: [RUNTIME_PATTERN],
        }),
      );
    });

    test('holds no ECR or CloudWatch Logs permission (separation of duties)', () => {
      const actions = task.flatMap((s) => s.actions ?? []);
      expect(actions.filter((a) => a.startsWith('ecr:') || a.startsWith('logs:'))).toEqual([]);
    });
  });

  test('grants are merged in order: a later grant appends its statements to the role it concerns', () => {
    const statements = statementsOf(synthRoles({ grants: [...GRANTS, ecsExecGrants()] }), 'task-policy');
    expect(statements.map((s) => s.sid)).toEqual([
      'ReadApplicationSecrets',
      'SessionsTableCrud',
      'DecryptWithServiceKey',
      'EcsExecSsmMessages',
    ]);
  });

  test.each([
    ['execution', [GRANTS[2]!].map((g) => ({ taskRole: g.taskRole }))],
    ['task', [GRANTS[0]!, GRANTS[1]!]],
  ] as const)('rejects grants that leave the %s role without a statement (an empty policy is invalid)', (role, grants) => {
    expect(() => synthRoles({ grants })).toThrow(new RegExp(`no grant gives the ${role} role a statement`));
  });

  test('rejects identical execution and task role names, naming the role', () => {
    expect(() => synthRoles({ executionRoleName: 'fintech-api', taskRoleName: 'fintech-api' })).toThrow(
      /both "fintech-api"; the two roles must differ/,
    );
  });
});
