import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import {
  S3BucketLifecycleConfiguration,
  type S3BucketLifecycleConfigurationRule,
} from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { Construct } from 'constructs';

export interface BucketHardeningOptions {
  /** Object ownership: ACLs disabled (`BucketOwnerEnforced`), or kept for a log writer that needs them. */
  readonly objectOwnership: 'BucketOwnerEnforced' | 'BucketOwnerPreferred';
  /** Use an S3 bucket key (fewer KMS calls; harmless with SSE-S3). */
  readonly bucketKeyEnabled: boolean;
  /** Add the statement that denies every request not made over TLS. */
  readonly denyInsecureTransport: boolean;
  /** Statements besides the TLS deny (e.g. a log writer's PutObject). */
  readonly extraStatements: readonly DataAwsIamPolicyDocumentStatement[];
  /**
   * The bucket's lifecycle rules, as an `aws_s3_bucket_lifecycle_configuration`; empty when the
   * bucket carries its rules inline (then no lifecycle resource is created).
   */
  readonly lifecycleRules: readonly S3BucketLifecycleConfigurationRule[];
}

/** The resources {@link hardenBucket} adds next to a bucket. */
export interface HardenedBucket {
  readonly versioning: S3BucketVersioningA;
  readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
  readonly ownership: S3BucketOwnershipControls;
  /** Absent when there is no statement to put in it. */
  readonly policy?: S3BucketPolicy;
  /** Absent when there are no lifecycle rules to put in it. */
  readonly lifecycle?: S3BucketLifecycleConfiguration;
}

/**
 * What every bucket of this project gets: versioning, SSE-S3 default encryption, all four
 * public-access blocks, object-ownership controls, a TLS-only bucket policy, lifecycle rules.
 * The resources are created in `scope` with fixed IDs (`versioning`, `encryption`,
 * `public-access-block`, `ownership`, `policy`, `policy-document`, `lifecycle`): a contract, as
 * renaming one would replace the resource.
 */
export function hardenBucket(scope: Construct, bucket: S3Bucket, options: BucketHardeningOptions): HardenedBucket {
  const versioning = new S3BucketVersioningA(scope, 'versioning', {
    bucket: bucket.id,
    versioningConfiguration: { status: 'Enabled' },
  });
  const encryption = new S3BucketServerSideEncryptionConfigurationA(scope, 'encryption', {
    bucket: bucket.id,
    rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' }, bucketKeyEnabled: options.bucketKeyEnabled || undefined }],
  });
  const publicAccessBlock = new S3BucketPublicAccessBlock(scope, 'public-access-block', {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  const ownership = new S3BucketOwnershipControls(scope, 'ownership', {
    bucket: bucket.id,
    rule: { objectOwnership: options.objectOwnership },
  });
  const statements: DataAwsIamPolicyDocumentStatement[] = [...options.extraStatements];
  if (options.denyInsecureTransport) {
    statements.push({
      sid: 'DenyInsecureTransport',
      effect: 'Deny',
      principals: [{ type: '*', identifiers: ['*'] }],
      actions: ['s3:*'],
      resources: [bucket.arn, `${bucket.arn}/*`],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    });
  }
  const policy =
    statements.length > 0
      ? new S3BucketPolicy(scope, 'policy', {
          bucket: bucket.id,
          policy: new DataAwsIamPolicyDocument(scope, 'policy-document', { statement: statements }).json,
          dependsOn: [publicAccessBlock],
        })
      : undefined;
  const lifecycle =
    options.lifecycleRules.length > 0
      ? new S3BucketLifecycleConfiguration(scope, 'lifecycle', {
          bucket: bucket.id,
          rule: [...options.lifecycleRules],
          dependsOn: [versioning],
        })
      : undefined;
  return { versioning, encryption, publicAccessBlock, ownership, policy, lifecycle };
}
