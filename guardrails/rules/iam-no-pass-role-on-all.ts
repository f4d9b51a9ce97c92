/**
 * FIN-IAM3 — no `iam:PassRole` on every resource.
 *
 * No Allow statement of an identity policy may grant `iam:PassRole` — directly, through a wildcard
 * (`iam:*`, `iam:Pass*`, `*`) or through `NotAction` — on `Resource: "*"`. Passing any role to any
 * service is the classic privilege escalation: create a Lambda or task with an admin role.
 * Resource policies are not applicable; Deny statements never violate.
 *
 * Mirrors: checkov CKV_AWS_286 (privilege escalation); cdk-nag AwsSolutions-IAM5.
 */
import type { GuardrailRule } from '../rule';
import {
  actionMatches,
  checkIdentityStatements,
  coversAllResources,
  describeResourceScope,
  grantsAction,
  POLICY_RULE_TYPES,
} from '../lib/iam';
import { show } from '../lib/values';

export const iamNoPassRoleOnAll: GuardrailRule = {
  id: 'FIN-IAM3',
  title: 'No iam:PassRole on every resource',
  severity: 'high',
  description: 'No Allow statement of an identity policy grants iam:PassRole (directly, by wildcard or via NotAction) on Resource "*".',
  mirrors: ['checkov CKV_AWS_286', 'cdk-nag AwsSolutions-IAM5'],
  resourceTypes: POLICY_RULE_TYPES,
  check(resource, stack) {
    return checkIdentityStatements(resource, stack, (s) => {
      if (!coversAllResources(s) || !grantsAction(s, 'iam:PassRole')) return undefined;
      const via = s.actions.find((a) => actionMatches(a, 'iam:PassRole'));
      const how = via === undefined ? `NotAction ${show(s.not_actions)}` : show(via);
      return `allows iam:PassRole (through ${how}) on ${describeResourceScope(s)}; scope it to the ARNs of the roles passed and add an iam:PassedToService condition`;
    });
  },
};
