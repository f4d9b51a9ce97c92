/**
 * FIN-LOG2 — log groups are encrypted with a KMS key.
 *
 * Every `aws_cloudwatch_log_group` must set `kms_key_id`. Application logs of a payments API carry
 * identifiers and request data; a customer-managed key adds a key policy (who may read) and
 * CloudTrail records of every decryption on top of the service's default encryption.
 *
 * Mirrors: checkov CKV_AWS_158; cdk-nag NIST.800.53.R5-CloudWatchLogGroupEncrypted.
 */
import type { GuardrailRule } from '../rule';
import { compliant, nonCompliant } from '../rule';
import { nonEmpty, show } from '../lib/values';

export const logGroupKms: GuardrailRule = {
  id: 'FIN-LOG2',
  title: 'Log groups are encrypted with a KMS key',
  severity: 'medium',
  description: 'Every CloudWatch log group sets kms_key_id.',
  mirrors: ['checkov CKV_AWS_158', 'cdk-nag NIST.800.53.R5-CloudWatchLogGroupEncrypted'],
  resourceTypes: ['aws_cloudwatch_log_group'],
  check(resource) {
    return nonEmpty(resource.config.kms_key_id) !== undefined
      ? compliant()
      : nonCompliant(
          `kms_key_id is ${show(resource.config.kms_key_id)} for log group ${show(resource.config.name)}; set it to a customer-managed key whose policy lets logs.<region>.amazonaws.com use it`,
        );
  },
};
