import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import type { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import type { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import type { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import type { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { hardenBucket } from '../shared/bucket-hardening';
import type { Outputs } from '../shared/outputs';

export interface StateBucketProps {
  readonly bucketName: string;
  /**
   * Days a superseded state version is kept before it expires.
   * @default 90
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Refuse `terraform destroy` of the bucket while it holds state.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Let `destroy` delete the bucket with its objects (disposable environments).
   * @default false
   */
  readonly forceDestroy?: boolean;
  /**
   * Attach the bucket policy that denies every request not made over TLS.
   * @default true
   */
  readonly denyInsecureTransport?: boolean;
}

/**
 * The S3 bucket that holds Terraform state: versioned (every state write is recoverable),
 * encrypted, all public access blocked, TLS-only, objects owned by the bucket owner, and
 * superseded versions expiring after a while. Locking uses S3 itself (`use_lockfile`).
 */
export class StateBucket extends Construct {
  /** What an operator needs after a deploy (a stack exports them). */
  public readonly outputs: Outputs;
  public readonly bucket: S3Bucket;
  public readonly versioning: S3BucketVersioningA;
  public readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  public readonly publicAccessBlock: S3BucketPublicAccessBlock;
  /** The TLS-only bucket policy (absent when `denyInsecureTransport` is false). */
  public readonly policy?: S3BucketPolicy;
  public readonly lifecycle: S3BucketLifecycleConfiguration;

  public constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const expiryDays = props.noncurrentVersionExpirationDays ?? 90;
    if (!Number.isInteger(expiryDays) || expiryDays < 1) {
      throw new Error(`StateBucket ${id}: noncurrentVersionExpirationDays must be a positive integer (got ${expiryDays}).`);
    }

    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy ?? false,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    const hardened = hardenBucket(this, this.bucket, {
      objectOwnership: 'BucketOwnerEnforced',
      bucketKeyEnabled: true,
      denyInsecureTransport: props.denyInsecureTransport ?? true,
      extraStatements: [],
      lifecycleRules: [
        {
          id: 'expire-superseded-state',
          status: 'Enabled',
          filter: [{}],
          noncurrentVersionExpiration: [{ noncurrentDays: expiryDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    this.versioning = hardened.versioning;
    this.encryption = hardened.encryption;
    this.publicAccessBlock = hardened.publicAccessBlock;
    this.policy = hardened.policy;
    this.lifecycle = hardened.lifecycle;
    this.outputs = { state_bucket: { value: this.bucket.bucket, description: 'Terraform state bucket.' } };
  }
}
