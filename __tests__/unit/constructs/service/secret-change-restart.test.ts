import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { Testing, Token } from 'cdktf';
import { rotatedSecretFilters, secretChangeEventPattern, secretIdFilters } from '../../../../constructs/service/secret-change-events';
import { SecretChangeRestart, type SecretChangeRestartProps } from '../../../../constructs/service/secret-change-restart';
import { policyDocumentsOf, referenceTo, statementsOf } from '../../../helpers/constructs';
import { ACCOUNT, API_KEY_SECRET_WITH_SUFFIX, DB_SECRET, REGION } from '../../../helpers/seed';
import { onlyResource, parseJsonAttribute, resourcesOf } from '../../../helpers/synth';

const SERVICE_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:service/fintech-cluster/fintech-api-service`;
const MACHINE_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:fintech-production-restart-on-secret-change`;
const RULE_ARN = `arn:aws:events:${REGION}:${ACCOUNT}:rule/fintech-production-injected-secret-changed`;

const BASE: SecretChangeRestartProps = {
  region: REGION,
  account: ACCOUNT,
  namePrefix: 'fintech-production',
  clusterName: 'fintech-cluster',
  serviceName: 'fintech-api-service',
  secretArns: [DB_SECRET, API_KEY_SECRET_WITH_SUFFIX],
};

function synthRestart(overrides: Partial<SecretChangeRestartProps> = {}): string {
  return Testing.synthScope((scope) => {
    new SecretChangeRestart(scope, 'restart', { ...BASE, ...overrides });
  });
}

/** The trust policy statement of the role named `name`. */
function trustOf(synth: string, name: string): unknown {
  const role = Object.values(resourcesOf(synth, 'aws_iam_role')).find((r) => r.name === name)!;
  const doc = /data\.aws_iam_policy_document\.([^.]+)\.json/.exec(String(role.assume_role_policy))![1]!;
  return policyDocumentsOf(synth)[doc];
}

describe('the event pattern of a secret change', () => {
  test('a name-only ARN is matched as given, as the complete ARN (its prefix) and as the name', () => {
    expect(secretIdFilters(DB_SECRET)).toEqual([DB_SECRET, { prefix: `${DB_SECRET}-` }, 'fintech/db-credentials']);
  });

  test('a complete ARN is matched as given, by prefix, and as the name with and without the random suffix', () => {
    expect(secretIdFilters(API_KEY_SECRET_WITH_SUFFIX)).toEqual([
      API_KEY_SECRET_WITH_SUFFIX,
      { prefix: `${API_KEY_SECRET_WITH_SUFFIX}-` },
      'fintech/api-keys-Ab12Cd',
      'fintech/api-keys',
    ]);
  });

  test('a Terraform reference is matched as the ARN and as the name derived from it at apply time', () => {
    const [arn, name] = secretIdFilters('${aws_secretsmanager_secret.api.arn}') as string[];
    expect(arn).toBe('${aws_secretsmanager_secret.api.arn}');
    expect(Token.isUnresolved(name)).toBe(true); // replace(<arn>, <pattern>, "$1"), see the dev stack test
    expect(rotatedSecretFilters('${aws_secretsmanager_secret.api.arn}')).toEqual(['${aws_secretsmanager_secret.api.arn}']);
  });

  test('GIVEN a value that is not a secret ARN THEN it is refused, naming it', () => {
    expect(() => secretIdFilters('arn:aws:ssm:us-east-1:296674251987:parameter/x')).toThrow(
      /"arn:aws:ssm:us-east-1:296674251987:parameter\/x"/,
    );
  });

  test('the pattern: a finished rotation, a hand-put current value, or UpdateSecret — never the rotation’s AWSPENDING put', () => {
    const ids = secretIdFilters(DB_SECRET);
    expect(secretChangeEventPattern([DB_SECRET])).toEqual({
      source: ['aws.secretsmanager'],
      'detail-type': ['AWS API Call via CloudTrail', 'AWS Service Event via CloudTrail'],
      detail: {
        eventSource: ['secretsmanager.amazonaws.com'],
        $or: [
          { eventName: ['RotationSucceeded'], additionalEventData: { SecretId: [DB_SECRET, { prefix: `${DB_SECRET}-` }] } },
          { eventName: ['UpdateSecret'], requestParameters: { secretId: ids } },
          { eventName: ['PutSecretValue'], requestParameters: { secretId: ids, versionStages: [{ exists: false }] } },
          { eventName: ['PutSecretValue'], requestParameters: { secretId: ids, versionStages: ['AWSCURRENT'] } },
        ],
      },
    });
  });

  test('GIVEN no secrets THEN no pattern is built', () => {
    expect(() => secretChangeEventPattern([])).toThrow(/no secrets/);
  });
});

describe('SecretChangeRestart', () => {
  let synth: string;
  beforeAll(() => {
    synth = synthRestart();
  });

  test('the rule watches the injected secrets with that pattern', () => {
    const rule = onlyResource(synth, 'aws_cloudwatch_event_rule');
    expect(rule.name).toBe('fintech-production-injected-secret-changed');
    expect(parseJsonAttribute(rule.event_pattern)).toEqual(secretChangeEventPattern([DB_SECRET, API_KEY_SECRET_WITH_SUFFIX]));
  });

  test('the state machine forces one new deployment of the service through the ECS SDK integration (no Lambda)', () => {
    const machine = onlyResource(synth, 'aws_sfn_state_machine');
    expect(machine).toMatchObject({ name: 'fintech-production-restart-on-secret-change', type: 'STANDARD' });
    const definition = parseJsonAttribute<{ StartAt: string; States: Record<string, Record<string, unknown>> }>(machine.definition);
    expect(Object.keys(definition.States)).toEqual([definition.StartAt]);
    expect(definition.States[definition.StartAt]).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:ecs:updateService',
      Parameters: { Cluster: 'fintech-cluster', Service: 'fintech-api-service', ForceNewDeployment: true },
      End: true,
    });
    expect(resourcesOf(synth, 'aws_lambda_function')).toEqual({});
  });

  test('the state machine role may only update this one service', () => {
    expect(statementsOf(synth, 'update-service-policy')).toEqual([
      { sid: 'ForceNewDeploymentOfTheService', effect: 'Allow', actions: ['ecs:UpdateService'], resources: [SERVICE_ARN] },
    ]);
  });

  test('the state machine role trusts Step Functions, from this account and this state machine only', () => {
    expect(trustOf(synth, 'fintech-production-secret-restart-sfn')).toEqual([
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['states.amazonaws.com'] }],
        condition: [
          { test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] },
          { test: 'ArnLike', variable: 'aws:SourceArn', values: [MACHINE_ARN] },
        ],
      },
    ]);
  });

  test('the rule role may only start this state machine, and trusts EventBridge from this rule only', () => {
    expect(statementsOf(synth, 'start-execution-policy')).toEqual([
      {
        sid: 'StartTheRestart',
        effect: 'Allow',
        actions: ['states:StartExecution'],
        resources: [referenceTo(synth, 'aws_sfn_state_machine', () => true, 'arn')],
      },
    ]);
    expect(trustOf(synth, 'fintech-production-secret-restart-events')).toEqual([
      expect.objectContaining({
        principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
        condition: [
          { test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] },
          { test: 'ArnLike', variable: 'aws:SourceArn', values: [RULE_ARN] },
        ],
      }),
    ]);
  });

  test('the rule targets the state machine with the rule role', () => {
    expect(synth).toHaveResourceWithProperties(CloudwatchEventTarget, {
      arn: referenceTo(synth, 'aws_sfn_state_machine', () => true, 'arn'),
      role_arn: referenceTo(synth, 'aws_iam_role', (r) => r.name === 'fintech-production-secret-restart-events', 'arn'),
    });
    expect(synth).toHaveResourceWithProperties(SfnStateMachine, {
      role_arn: referenceTo(synth, 'aws_iam_role', (r) => r.name === 'fintech-production-secret-restart-sfn', 'arn'),
    });
    expect(Object.keys(resourcesOf(synth, 'aws_iam_role'))).toHaveLength(2);
    expect(synth).toHaveResource(IamRole);
  });

  test('GIVEN no secrets THEN it refuses, saying what to pass', () => {
    expect(() => synthRestart({ secretArns: [] })).toThrow(/secretArns is empty; pass the ARNs of the secrets ECS injects/);
  });
});
