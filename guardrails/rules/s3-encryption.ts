/**
 * FIN-BKT2 — buckets declare default encryption.
 *
 * Every `aws_s3_bucket` must have an `aws_s3_bucket_server_side_encryption_configuration` (or the
 * deprecated inline block) with a rule whose `apply_server_side_encryption_by_default.sse_algorithm`
 * is set (`AES256`, `aws:kms` or `aws:kms:dsse`). S3 encrypts new objects by default since 2023,
 * but an explicit configuration documents the choice and keeps it from drifting.
 *
 * Mirrors: checkov CKV_AWS_19; cdk-nag NIST.800.53.R5-S3DefaultEncryptionKMS (stricter: KMS only).
 */
import type { GuardrailRule, ResourceView } from '../rule';
import { compliant, nonCompliant } from '../rule';
import { attachedToBucket } from '../lib/s3';
import { block, blocks, nonEmpty, show } from '../lib/values';

/** True when an encryption configuration (resource or inline block) sets a default algorithm. */
function setsDefaultAlgorithm(config: Readonly<Record<string, unknown>> | undefined): boolean {
  return blocks(config?.rule).some((r) => nonEmpty(block(r.apply_server_side_encryption_by_default)?.sse_algorithm) !== undefined);
}

export const s3Encryption: GuardrailRule = {
  id: 'FIN-BKT2',
  title: 'S3 buckets declare default encryption',
  severity: 'medium',
  description: 'Every S3 bucket has a server-side encryption configuration with a default sse_algorithm.',
  mirrors: ['checkov CKV_AWS_19', 'cdk-nag NIST.800.53.R5-S3DefaultEncryptionKMS (stricter: KMS only)'],
  resourceTypes: ['aws_s3_bucket'],
  check(resource, stack) {
    const configurations: (Readonly<Record<string, unknown>> | undefined)[] = [
      block(resource.config.server_side_encryption_configuration),
      ...attachedToBucket(stack, resource, 'aws_s3_bucket_server_side_encryption_configuration').map((r: ResourceView) => r.config),
    ];
    if (configurations.some(setsDefaultAlgorithm)) return compliant();
    return nonCompliant(
      `no server-side encryption configuration with a default sse_algorithm for bucket ${show(resource.config.bucket)}; add aws_s3_bucket_server_side_encryption_configuration with apply_server_side_encryption_by_default { sse_algorithm = "aws:kms" or "AES256" }`,
    );
  },
};
