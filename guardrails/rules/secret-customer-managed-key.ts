/**
 * FIN-SM1 — Secrets Manager secrets use a customer-managed key.
 *
 * Every `aws_secretsmanager_secret` must set `kms_key_id` to a key other than the AWS managed
 * `aws/secretsmanager`; RDS-managed master passwords (`manage_master_user_password`) must set
 * `master_user_secret_kms_key_id` likewise. With the AWS managed key anyone in the account with
 * `secretsmanager:GetSecretValue` can read the secret; a customer-managed key adds its own policy.
 *
 * Mirrors: checkov CKV_AWS_149; cdk-nag NIST.800.53.R5-SecretsManagerUsingKMSKey.
 */
import type { GuardrailRule } from '../rule';
import { compliant, nonCompliant, notApplicable } from '../rule';
import { isTrue, nonEmpty, show } from '../lib/values';

/** True when a key reference names the AWS managed Secrets Manager key. */
function isAwsManagedKey(key: string): boolean {
  return /(^|:)alias\/aws\/secretsmanager$/.test(key);
}

export const secretCustomerManagedKey: GuardrailRule = {
  id: 'FIN-SM1',
  title: 'Secrets are encrypted with a customer-managed KMS key',
  severity: 'medium',
  description:
    'Every Secrets Manager secret (and every RDS-managed master password) names a customer-managed KMS key, not aws/secretsmanager.',
  mirrors: ['checkov CKV_AWS_149', 'cdk-nag NIST.800.53.R5-SecretsManagerUsingKMSKey'],
  resourceTypes: ['aws_secretsmanager_secret', 'aws_db_instance', 'aws_rds_cluster'],
  check(resource) {
    const isSecret = resource.type === 'aws_secretsmanager_secret';
    if (!isSecret && !isTrue(resource.config.manage_master_user_password))
      return notApplicable('does not manage its master password in Secrets Manager');
    const attribute = isSecret ? 'kms_key_id' : 'master_user_secret_kms_key_id';
    const key = nonEmpty(resource.config[attribute]);
    if (key !== undefined && !isAwsManagedKey(key)) return compliant();
    return nonCompliant(
      `${attribute} is ${show(resource.config[attribute])} (the AWS managed aws/secretsmanager key); set it to a customer-managed KMS key`,
    );
  },
};
