/**
 * Settings that weaken a guardrail on purpose become reasoned suppressions, visible in
 * docs/guardrails.md; at their secure defaults no suppression exists and the rule is compliant.
 */
import { blockingFindings, evaluateStack, suppressionsWithin } from '../../../guardrails';
import type { EnvironmentConfig } from '../../../config/schema';
import { environment, environmentStacks, onlyResource, parseJsonAttribute, synthDelivery } from '../../helpers/synth';

function findings(env: EnvironmentConfig, ruleId: string) {
  const { delivery } = environmentStacks(env);
  const all = evaluateStack(delivery, { productionLike: env.productionLike });
  return {
    rule: all.filter((f) => f.ruleId === ruleId),
    blocking: blockingFindings(all).map((f) => `${f.ruleId} ${f.path}`),
    suppressions: suppressionsWithin(delivery).filter((s) => s.ruleId === ruleId),
  };
}

describe('service.kmsDecryptViaServices', () => {
  test('GIVEN the default (secretsmanager, dynamodb) WHEN evaluated THEN FIN-KMS2 is compliant on the task role, with no suppression', () => {
    const result = findings(environment('production'), 'FIN-KMS2');
    expect(result.suppressions).toEqual([]);
    expect(result.rule.filter((f) => f.path.endsWith('/roles/task-role-policy')).map((f) => f.status)).toEqual(['compliant']);
  });

  test('GIVEN kms listed (the application calls KMS itself) WHEN evaluated THEN the direct decrypt is a reasoned FIN-KMS2 exception on the task role policy', () => {
    const env = environment('production');
    (env.service as { kmsDecryptViaServices: string[] }).kmsDecryptViaServices = ['secretsmanager', 'dynamodb', 'kms'];

    const result = findings(env, 'FIN-KMS2');

    expect(result.blocking).toEqual([]);
    expect(result.suppressions).toEqual([
      expect.objectContaining({
        path: 'delivery-production/roles/task-role-policy',
        reason: expect.stringContaining('service.kmsDecryptViaServices lists kms: the application calls kms:Decrypt itself'),
      }),
    ]);
  });
});

describe('service.createContainerInsightsLogGroup', () => {
  test('GIVEN the default (true) WHEN evaluated THEN FIN-LOG3 is compliant on the cluster, with no suppression', () => {
    const result = findings(environment('production'), 'FIN-LOG3');
    expect(result.suppressions).toEqual([]);
    expect(result.rule.filter((f) => f.path.endsWith('/service/cluster')).map((f) => f.status)).toEqual(['compliant']);
  });

  test('GIVEN false (the group exists in the account) WHEN evaluated THEN the missing group is a reasoned FIN-LOG3 exception on the cluster', () => {
    const env = environment('production');
    (env.service as { createContainerInsightsLogGroup: boolean }).createContainerInsightsLogGroup = false;

    const result = findings(env, 'FIN-LOG3');

    expect(result.blocking).toEqual([]);
    expect(result.suppressions).toEqual([
      expect.objectContaining({
        path: 'delivery-production/service/cluster',
        reason: expect.stringContaining('/aws/ecs/containerinsights/fintech-cluster/performance exists in the account already'),
      }),
    ]);
  });
});

describe('service.containerUser and service.readonlyRootFilesystem', () => {
  type Service = {
    containerUser: string;
    containerUserReason?: string;
    readonlyRootFilesystem: boolean;
    readonlyRootFilesystemReason?: string;
  };
  const container = (env: EnvironmentConfig) =>
    parseJsonAttribute<{ user: string; readonlyRootFilesystem: boolean; mountPoints: unknown[] }[]>(
      onlyResource(synthDelivery(env), 'aws_ecs_task_definition').container_definitions,
    )[0]!;

  test('GIVEN the secure defaults WHEN synthesized THEN the task runs as 1000:1000, root read-only, /tmp writable, and no exception exists', () => {
    const env = environment('production');
    expect(container(env)).toEqual(
      expect.objectContaining({
        user: '1000:1000',
        readonlyRootFilesystem: true,
        mountPoints: [expect.objectContaining({ containerPath: '/tmp' })],
      }),
    );
    expect([...findings(env, 'FIN-ECS1').suppressions, ...findings(env, 'FIN-ECS2').suppressions]).toEqual([]);
  });

  test('GIVEN root with a reason WHEN synthesized THEN the task runs as root and the reason is the FIN-ECS2 exception', () => {
    const env = environment('production');
    Object.assign(env.service as Service, { containerUser: '0:0', containerUserReason: 'the seed image chowns /app at start' });

    expect(container(env).user).toBe('0:0');
    const result = findings(env, 'FIN-ECS2');
    expect(result.blocking).toEqual([]);
    expect(result.suppressions).toEqual([
      expect.objectContaining({
        path: 'delivery-production/service/task-definition',
        reason: 'service.containerUser is "0:0" (root): the seed image chowns /app at start',
      }),
    ]);
  });

  test('GIVEN a writable root with a reason WHEN synthesized THEN the root is writable and the reason is the FIN-ECS1 exception', () => {
    const env = environment('production');
    Object.assign(env.service as Service, {
      readonlyRootFilesystem: false,
      readonlyRootFilesystemReason: 'the seed image writes /app/cache',
    });

    expect(container(env).readonlyRootFilesystem).toBe(false);
    const result = findings(env, 'FIN-ECS1');
    expect(result.blocking).toEqual([]);
    expect(result.suppressions).toEqual([
      expect.objectContaining({ reason: 'service.readonlyRootFilesystem is false: the seed image writes /app/cache' }),
    ]);
  });
});
