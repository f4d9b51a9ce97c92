/**
 * FIN-BKT1 — buckets are versioned.
 *
 * Every `aws_s3_bucket` must have an `aws_s3_bucket_versioning` (its `bucket` referencing the
 * bucket's `id`/`bucket`, or its literal name) with `versioning_configuration.status = "Enabled"`,
 * or the deprecated inline `versioning { enabled = true }`. Versioning makes every overwrite and
 * delete recoverable — for the Terraform state bucket, every state write.
 *
 * Mirrors: checkov CKV_AWS_21; Security Hub S3.14; cdk-nag NIST.800.53.R5-S3BucketVersioningEnabled.
 */
import type { GuardrailRule } from '../rule';
import { compliant, nonCompliant } from '../rule';
import { attachedToBucket } from '../lib/s3';
import { block, isTrue, show, str } from '../lib/values';

export const s3Versioning: GuardrailRule = {
  id: 'FIN-BKT1',
  title: 'S3 buckets are versioned',
  severity: 'medium',
  description: 'Every S3 bucket has an aws_s3_bucket_versioning with status Enabled.',
  mirrors: ['checkov CKV_AWS_21', 'Security Hub S3.14', 'cdk-nag NIST.800.53.R5-S3BucketVersioningEnabled'],
  resourceTypes: ['aws_s3_bucket'],
  check(resource, stack) {
    if (isTrue(block(resource.config.versioning)?.enabled)) return compliant();
    const statuses = attachedToBucket(stack, resource, 'aws_s3_bucket_versioning').map(
      (v) => block(v.config.versioning_configuration)?.status,
    );
    if (statuses.some((s) => str(s) === 'Enabled')) return compliant();
    return nonCompliant(
      statuses.length === 0
        ? `no aws_s3_bucket_versioning references bucket ${show(resource.config.bucket)}; add one with versioning_configuration { status = "Enabled" }`
        : `aws_s3_bucket_versioning status is ${statuses.map((s) => show(s)).join(', ')}; set versioning_configuration.status = "Enabled"`,
    );
  },
};
