/**
 * FIN-KMS1 — customer-managed keys rotate.
 *
 * Every symmetric encryption `aws_kms_key` (`customer_master_key_spec` absent or
 * `SYMMETRIC_DEFAULT`) must set `enable_key_rotation = true`. Rotation bounds how much data one key
 * version protects; asymmetric and HMAC keys cannot rotate automatically and are not applicable.
 *
 * Mirrors: checkov CKV_AWS_7; Security Hub KMS.4; cdk-nag AwsSolutions-KMS5.
 */
import type { GuardrailRule } from '../rule';
import { compliant, nonCompliant, notApplicable } from '../rule';
import { isTrue, show, str } from '../lib/values';

export const kmsKeyRotation: GuardrailRule = {
  id: 'FIN-KMS1',
  title: 'KMS keys rotate automatically',
  severity: 'medium',
  description: 'Every symmetric encryption KMS key sets enable_key_rotation to true.',
  mirrors: ['checkov CKV_AWS_7', 'Security Hub KMS.4', 'cdk-nag AwsSolutions-KMS5'],
  resourceTypes: ['aws_kms_key'],
  check(resource) {
    const spec = str(resource.config.customer_master_key_spec) ?? 'SYMMETRIC_DEFAULT';
    const usage = str(resource.config.key_usage) ?? 'ENCRYPT_DECRYPT';
    if (spec !== 'SYMMETRIC_DEFAULT' || usage !== 'ENCRYPT_DECRYPT') {
      return notApplicable(`customer_master_key_spec ${show(spec)} / key_usage ${show(usage)} does not support automatic rotation`);
    }
    return isTrue(resource.config.enable_key_rotation)
      ? compliant()
      : nonCompliant(`enable_key_rotation is ${show(resource.config.enable_key_rotation)}; set it to true`);
  },
};
