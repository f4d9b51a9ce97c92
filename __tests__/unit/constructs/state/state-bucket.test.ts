import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Testing } from 'cdktf';
import { StateBucket, type StateBucketProps } from '../../../../constructs/state/state-bucket';
import { onlyResource } from '../../../helpers/synth';
import { dataReferenceTo, referenceTo, statementsOf } from '../../../helpers/constructs';

const BUCKET = 'fintech-terraform-state-296674251987';

function synthBucket(overrides: Partial<StateBucketProps> = {}): string {
  return Testing.synthScope((scope) => {
    new StateBucket(scope, 'state', { bucketName: BUCKET, ...overrides });
  });
}

/** `type.name` of the only resource of a type, as used in depends_on. */
function address(synth: string, type: string): string {
  return referenceTo(synth, type, () => true).replace(/^\$\{(.*)\.id\}$/, '$1');
}

describe('StateBucket', () => {
  let synth: string;
  let bucketId: string;
  beforeAll(() => {
    synth = synthBucket();
    bucketId = referenceTo(synth, 'aws_s3_bucket', () => true);
  });

  test('creates the bucket with the configured name', () => {
    expect(synth).toHaveResourceWithProperties(S3Bucket, { bucket: BUCKET });
  });

  test('refuses destroy while it holds state by default (prevent_destroy)', () => {
    expect(synth).toHaveResourceWithProperties(S3Bucket, {
      lifecycle: expect.objectContaining({ prevent_destroy: true }),
    });
  });

  test('does not delete its objects on destroy by default (force_destroy false)', () => {
    expect(synth).toHaveResourceWithProperties(S3Bucket, { force_destroy: false });
  });

  test('versioning is Enabled, so every state write is recoverable', () => {
    expect(synth).toHaveResourceWithProperties(S3BucketVersioningA, {
      bucket: bucketId,
      versioning_configuration: expect.objectContaining({ status: 'Enabled' }),
    });
  });

  test('encrypts objects by default with SSE (AES256) and S3 bucket keys', () => {
    expect(synth).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      bucket: bucketId,
      rule: [
        expect.objectContaining({
          apply_server_side_encryption_by_default: expect.objectContaining({ sse_algorithm: 'AES256' }),
          bucket_key_enabled: true,
        }),
      ],
    });
  });

  test('blocks all four kinds of public access', () => {
    expect(synth).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      bucket: bucketId,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test('objects are owned by the bucket owner (ACLs disabled)', () => {
    expect(synth).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      bucket: bucketId,
      rule: expect.objectContaining({ object_ownership: 'BucketOwnerEnforced' }),
    });
  });

  test('by default the bucket policy denies every S3 action on the bucket and its objects over plain HTTP', () => {
    const bucketArn = referenceTo(synth, 'aws_s3_bucket', () => true, 'arn');
    expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        expect.objectContaining({
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [expect.objectContaining({ type: '*', identifiers: ['*'] })],
          actions: ['s3:*'],
          resources: [bucketArn, `${bucketArn}/*`],
          condition: [expect.objectContaining({ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] })],
        }),
      ],
    });
  });

  test('the bucket policy only denies: it grants nothing', () => {
    expect(statementsOf(synth, 'policy-document').map((s) => s.effect)).toEqual(['Deny']);
  });

  test('the TLS-only policy is attached to the bucket after the public access block', () => {
    expect(synth).toHaveResourceWithProperties(S3BucketPolicy, {
      bucket: bucketId,
      policy: dataReferenceTo(synth, 'aws_iam_policy_document', 'json'),
      depends_on: [address(synth, 'aws_s3_bucket_public_access_block')],
    });
  });

  test('superseded state versions expire after 90 days by default', () => {
    expect(synth).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      bucket: bucketId,
      rule: [
        expect.objectContaining({
          status: 'Enabled',
          noncurrent_version_expiration: [expect.objectContaining({ noncurrent_days: 90 })],
        }),
      ],
    });
  });

  test('the lifecycle rule covers every object (a filter with no prefix, tag or size condition)', () => {
    const rule = (onlyResource(synth, 'aws_s3_bucket_lifecycle_configuration').rule as Record<string, unknown>[])[0]!;
    const filters = rule.filter as Record<string, unknown>[];
    expect(filters).toHaveLength(1);
    const { prefix, ...conditions } = filters[0]!;
    expect(prefix ?? '').toBe('');
    expect(conditions).toEqual({});
  });

  test('the lifecycle rule aborts incomplete multipart uploads after 7 days', () => {
    expect(synth).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ abort_incomplete_multipart_upload: [expect.objectContaining({ days_after_initiation: 7 })] })],
    });
  });

  test('the lifecycle configuration waits for versioning', () => {
    expect(onlyResource(synth, 'aws_s3_bucket_lifecycle_configuration').depends_on).toEqual([address(synth, 'aws_s3_bucket_versioning')]);
  });

  test('the lifecycle never expires current versions', () => {
    const rule = (onlyResource(synth, 'aws_s3_bucket_lifecycle_configuration').rule as Record<string, unknown>[])[0]!;
    expect(rule.expiration).toBeUndefined();
  });

  test('noncurrentVersionExpirationDays overrides the expiry', () => {
    expect(synthBucket({ noncurrentVersionExpirationDays: 30 })).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ noncurrent_version_expiration: [expect.objectContaining({ noncurrent_days: 30 })] })],
    });
  });

  describe('GIVEN inlineLifecycleRule', () => {
    let inline: string;
    let rules: Record<string, unknown>[];
    beforeAll(() => {
      inline = synthBucket({ inlineLifecycleRule: true });
      rules = onlyResource(inline, 'aws_s3_bucket').lifecycle_rule as Record<string, unknown>[];
    });

    test('THEN there is no aws_s3_bucket_lifecycle_configuration (its create waits about a minute)', () => {
      expect(inline).not.toHaveResource(S3BucketLifecycleConfiguration);
    });

    test('THEN the bucket carries the same rule: enabled, superseded versions expire after 90 days, uploads abort after 7', () => {
      expect(rules).toEqual([
        {
          id: 'expire-superseded-state',
          enabled: true,
          noncurrent_version_expiration: { days: 90 },
          abort_incomplete_multipart_upload_days: 7,
        },
      ]);
    });

    test('THEN the rule covers every object (no prefix, no tags) and never expires current versions', () => {
      expect(rules[0]!.prefix).toBeUndefined();
      expect(rules[0]!.tags).toBeUndefined();
      expect(rules[0]!.expiration).toBeUndefined();
    });

    test('THEN noncurrentVersionExpirationDays still overrides the expiry', () => {
      expect(synthBucket({ inlineLifecycleRule: true, noncurrentVersionExpirationDays: 30 })).toHaveResourceWithProperties(S3Bucket, {
        lifecycle_rule: [expect.objectContaining({ noncurrent_version_expiration: { days: 30 } })],
      });
    });

    test('THEN versioning, encryption and the public access block stay', () => {
      expect(inline).toHaveResource(S3BucketVersioningA);
      expect(inline).toHaveResource(S3BucketServerSideEncryptionConfigurationA);
      expect(inline).toHaveResource(S3BucketPublicAccessBlock);
    });
  });

  test('by default the bucket has no inline lifecycle rule (the configuration resource holds it)', () => {
    expect(onlyResource(synth, 'aws_s3_bucket').lifecycle_rule).toBeUndefined();
  });

  test('preventDestroy false lets terraform destroy the bucket', () => {
    expect(synthBucket({ preventDestroy: false })).toHaveResourceWithProperties(S3Bucket, {
      lifecycle: expect.objectContaining({ prevent_destroy: false }),
    });
  });

  test('forceDestroy true deletes the objects with the bucket (throwaway environments)', () => {
    expect(synthBucket({ forceDestroy: true })).toHaveResourceWithProperties(S3Bucket, { force_destroy: true });
  });

  test('denyInsecureTransport false attaches no bucket policy (the emulator serves plain HTTP); the rest stays', () => {
    const synth2 = synthBucket({ denyInsecureTransport: false });
    expect(synth2).not.toHaveResource(S3BucketPolicy);
    expect(synth2).not.toHaveDataSource(DataAwsIamPolicyDocument);
    expect(synth2).toHaveResourceWithProperties(S3BucketVersioningA, {
      versioning_configuration: expect.objectContaining({ status: 'Enabled' }),
    });
    expect(synth2).toHaveResourceWithProperties(S3BucketPublicAccessBlock, { block_public_policy: true, restrict_public_buckets: true });
  });

  test.each([0, -1, 2.5])('rejects noncurrentVersionExpirationDays %p, naming the bad value', (days) => {
    expect(() => synthBucket({ noncurrentVersionExpirationDays: days })).toThrow(
      new RegExp(`noncurrentVersionExpirationDays must be a positive integer \\(got ${days}\\)`),
    );
  });
});
