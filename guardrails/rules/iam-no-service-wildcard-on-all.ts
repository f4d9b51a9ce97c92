/**
 * FIN-IAM2 — no `service:*` on every resource.
 *
 * No Allow statement of an identity policy may grant a whole service (`s3:*`, `kms:*`, ...) on
 * `Resource: "*"` (or with `NotResource`). That is full control of the service across the account
 * (e.g. every bucket, every key). Resource policies are not applicable; Deny statements never violate.
 *
 * Mirrors: Security Hub IAM.21; cdk-nag AwsSolutions-IAM5.
 */
import type { GuardrailRule } from '../rule';
import { checkIdentityStatements, coversAllResources, describeResourceScope, POLICY_RULE_TYPES } from '../lib/iam';
import { show } from '../lib/values';

/** `service:*` (the whole of one service). */
const SERVICE_WILDCARD = /^[a-z0-9-]+:\*$/i;

export const iamNoServiceWildcardOnAll: GuardrailRule = {
  id: 'FIN-IAM2',
  title: 'No "service:*" on every resource',
  severity: 'high',
  description: 'No Allow statement of an identity policy grants a service wildcard action (e.g. "s3:*") on Resource "*".',
  mirrors: ['Security Hub IAM.21', 'cdk-nag AwsSolutions-IAM5'],
  resourceTypes: POLICY_RULE_TYPES,
  check(resource, stack) {
    return checkIdentityStatements(resource, stack, (s) => {
      if (!coversAllResources(s)) return undefined;
      const wildcards = s.actions.filter((a) => SERVICE_WILDCARD.test(a));
      if (wildcards.length === 0) return undefined;
      return `allows ${wildcards.map((a) => show(a)).join(', ')} on ${describeResourceScope(s)}; list the actions needed and scope Resource to ARNs`;
    });
  },
};
