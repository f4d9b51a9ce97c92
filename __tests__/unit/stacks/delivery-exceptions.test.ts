/**
 * Settings that weaken a guardrail on purpose become reasoned suppressions, visible in
 * docs/guardrails.md; at their secure defaults no suppression exists and the rule is compliant.
 */
import { blockingFindings, evaluateStack, suppressionsWithin } from '../../../guardrails';
import type { EnvironmentConfig } from '../../../config/schema';
import { environment, environmentStacks } from '../../helpers/synth';

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
