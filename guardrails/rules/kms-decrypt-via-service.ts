/**
 * FIN-KMS2 — identity policies decrypt only through named AWS services.
 *
 * Every Allow statement of an identity policy that grants `kms:Decrypt` (directly, by wildcard or
 * through NotAction) must carry a `kms:ViaService` condition (StringEquals or StringLike, with
 * `ForAnyValue:` or not) listing the services that may use the key on the principal's behalf, e.g.
 * `secretsmanager.us-east-1.amazonaws.com`. Without it the principal can decrypt anything
 * encrypted under the key by calling KMS itself: a leaked task credential then reads every
 * ciphertext, not only what its services hand it. Resource policies (key policies) are not
 * applicable; Deny statements never violate.
 *
 * Mirrors: AWS KMS Developer Guide, kms:ViaService condition key; Security Hub KMS.2 (related:
 * decryption on all keys); AWS Well-Architected SEC08-BP01.
 */
import type { GuardrailRule, PolicyCondition } from '../rule';
import { checkIdentityStatements, grantsAction, POLICY_RULE_TYPES } from '../lib/iam';
import { show } from '../lib/values';

/** Condition operators that can narrow kms:ViaService to named services. */
const NARROWING_TESTS = new Set(['stringequals', 'stringlike', 'foranyvalue:stringequals', 'foranyvalue:stringlike']);

/** True when the condition restricts kms:ViaService to a non-empty list of services, none of them "*". */
function isViaServiceCondition(c: PolicyCondition): boolean {
  return (
    c.variable.toLowerCase() === 'kms:viaservice' &&
    NARROWING_TESTS.has(c.test.toLowerCase()) &&
    c.values.length > 0 &&
    !c.values.includes('*')
  );
}

export const kmsDecryptViaService: GuardrailRule = {
  id: 'FIN-KMS2',
  title: 'kms:Decrypt in identity policies only through named services',
  severity: 'medium',
  description:
    'Every Allow statement of an identity policy that grants kms:Decrypt carries a kms:ViaService condition naming the services that may decrypt on its behalf.',
  mirrors: ['AWS KMS Developer Guide: kms:ViaService condition key', 'Security Hub KMS.2 (related)', 'AWS Well-Architected SEC08-BP01'],
  resourceTypes: POLICY_RULE_TYPES,
  check(resource, stack) {
    return checkIdentityStatements(resource, stack, (s) => {
      if (!grantsAction(s, 'kms:Decrypt') || s.condition.some(isViaServiceCondition)) return undefined;
      return `allows kms:Decrypt on ${show(s.resources.length > 0 ? s.resources : s.not_resources)} without a kms:ViaService condition, so the principal can decrypt by calling KMS itself; add condition { test = "StringEquals", variable = "kms:ViaService", values = ["<service>.<region>.amazonaws.com", ...] } for the services that use the key on its behalf`;
    });
  },
};
