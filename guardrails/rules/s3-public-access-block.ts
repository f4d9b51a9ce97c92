/**
 * FIN-BKT3 — buckets block all public access.
 *
 * Every `aws_s3_bucket` must have an `aws_s3_bucket_public_access_block` with
 * `block_public_acls`, `block_public_policy`, `ignore_public_acls` and `restrict_public_buckets`
 * all true. The bucket-level block is the backstop against a later ACL or policy that would
 * publish the objects (for the state bucket: every secret in the state).
 *
 * Mirrors: checkov CKV2_AWS_6; Security Hub S3.8; cdk-nag AwsSolutions-S2.
 */
import type { GuardrailRule } from '../rule';
import { compliant, nonCompliant } from '../rule';
import { attachedToBucket } from '../lib/s3';
import { isTrue, show } from '../lib/values';

/** The four settings of a public access block. */
export const PUBLIC_ACCESS_BLOCK_SETTINGS = [
  'block_public_acls',
  'block_public_policy',
  'ignore_public_acls',
  'restrict_public_buckets',
] as const;

export const s3PublicAccessBlock: GuardrailRule = {
  id: 'FIN-BKT3',
  title: 'S3 buckets block all public access',
  severity: 'high',
  description: 'Every S3 bucket has an aws_s3_bucket_public_access_block with all four settings true.',
  mirrors: ['checkov CKV2_AWS_6', 'Security Hub S3.8', 'cdk-nag AwsSolutions-S2'],
  resourceTypes: ['aws_s3_bucket'],
  check(resource, stack) {
    const blocks = attachedToBucket(stack, resource, 'aws_s3_bucket_public_access_block');
    if (blocks.length === 0) {
      return nonCompliant(
        `no aws_s3_bucket_public_access_block references bucket ${show(resource.config.bucket)}; add one with ${PUBLIC_ACCESS_BLOCK_SETTINGS.join(', ')} all true`,
      );
    }
    if (blocks.some((b) => PUBLIC_ACCESS_BLOCK_SETTINGS.every((s) => isTrue(b.config[s])))) return compliant();
    const off = PUBLIC_ACCESS_BLOCK_SETTINGS.filter((s) => !blocks.some((b) => isTrue(b.config[s])));
    return nonCompliant(`${off.map((s) => `${s} is ${show(blocks[0]?.config[s])}`).join(', ')}; set all four settings to true`);
  },
};
