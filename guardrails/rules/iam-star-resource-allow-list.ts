/**
 * FIN-IAM4 — `Resource: "*"` only for actions that cannot be scoped.
 *
 * An Allow statement of an identity policy on `Resource: "*"` (or with `NotResource`) may list only
 * actions from {@link ACTIONS_WITHOUT_RESOURCE_SCOPING} — actions IAM offers no resource type for,
 * such as `ecr:GetAuthorizationToken`. Every other action can name its resources and must. This
 * overlaps FIN-IAM2/FIN-IAM3 on purpose: it is the general least-privilege rule, they name the
 * worst cases. Resource policies are not applicable; Deny statements never violate.
 *
 * Mirrors: checkov CKV_AWS_355; cdk-nag AwsSolutions-IAM5.
 */
import type { GuardrailRule } from '../rule';
import {
  ACTIONS_WITHOUT_RESOURCE_SCOPING,
  checkIdentityStatements,
  coversAllResources,
  describeResourceScope,
  POLICY_RULE_TYPES,
} from '../lib/iam';
import { show } from '../lib/values';

const ALLOWED = new Set(ACTIONS_WITHOUT_RESOURCE_SCOPING.map((a) => a.toLowerCase()));

export const iamStarResourceAllowList: GuardrailRule = {
  id: 'FIN-IAM4',
  title: 'Resource "*" only for actions that support no resource scoping',
  severity: 'medium',
  description:
    'An Allow statement of an identity policy on Resource "*" lists only actions without resource-level permissions (e.g. ecr:GetAuthorizationToken; see ACTIONS_WITHOUT_RESOURCE_SCOPING).',
  mirrors: ['checkov CKV_AWS_355', 'cdk-nag AwsSolutions-IAM5'],
  resourceTypes: POLICY_RULE_TYPES,
  check(resource, stack) {
    return checkIdentityStatements(resource, stack, (s) => {
      if (!coversAllResources(s)) return undefined;
      if (s.not_actions.length > 0) {
        return `allows NotAction ${show(s.not_actions)} on ${describeResourceScope(s)}; list the actions and scope Resource to ARNs`;
      }
      const scopable = s.actions.filter((a) => !ALLOWED.has(a.toLowerCase()));
      if (scopable.length === 0) return undefined;
      return `allows ${scopable.map((a) => show(a)).join(', ')} on ${describeResourceScope(s)}; these actions support resource-level permissions: scope Resource to the ARNs they act on`;
    });
  },
};
