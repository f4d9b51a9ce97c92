/**
 * FIN-IAM1 — no `*` action in identity policies.
 *
 * No Allow statement of an identity policy may grant `Action: "*"` (or `*:*`), nor use
 * `NotAction` (which grants everything not listed). Either is administrator access in disguise.
 * Resource policies (key and bucket policies) are not applicable; Deny statements never violate.
 *
 * Mirrors: checkov CKV_AWS_63, CKV_AWS_62; Security Hub IAM.1; cdk-nag AwsSolutions-IAM5.
 */
import type { GuardrailRule } from '../rule';
import { checkIdentityStatements, POLICY_RULE_TYPES } from '../lib/iam';
import { show } from '../lib/values';

export const iamNoStarAction: GuardrailRule = {
  id: 'FIN-IAM1',
  title: 'No "*" action in identity policies',
  severity: 'high',
  description: 'No Allow statement of an identity policy grants Action "*" or uses NotAction.',
  mirrors: ['checkov CKV_AWS_63', 'checkov CKV_AWS_62', 'Security Hub IAM.1', 'cdk-nag AwsSolutions-IAM5'],
  resourceTypes: POLICY_RULE_TYPES,
  check(resource, stack) {
    return checkIdentityStatements(resource, stack, (s) => {
      const star = s.actions.filter((a) => a === '*' || a === '*:*');
      if (star.length > 0) return `allows action ${show(star[0])}; list the specific actions the principal needs`;
      if (s.not_actions.length > 0)
        return `allows NotAction ${show(s.not_actions)}, i.e. every other action; replace it with an Action list`;
      return undefined;
    });
  },
};
