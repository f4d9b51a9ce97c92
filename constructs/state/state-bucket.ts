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
  /**
   * Declare the lifecycle rule inline on the bucket (`lifecycle_rule`, which the provider marks
   * deprecated: plans print a warning) instead of as an `aws_s3_bucket_lifecycle_configuration`.
   * The rule is the same; the difference is the resource's create and update, which wait until
   * ten consecutive reads (5 s apart, after 10 s) return what was written: about a minute, the
   * whole of a bootstrap. The inline form is applied with the bucket and does not wait.
   * @default false
   */
  readonly inlineLifecycleRule?: boolean;
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
  /** The lifecycle configuration (absent when the rule is inline on the bucket). */
  public readonly lifecycle?: S3BucketLifecycleConfiguration;

  public constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const expiryDays = props.noncurrentVersionExpirationDays ?? 90;
    if (!Number.isInteger(expiryDays) || expiryDays < 1) {
      throw new Error(`StateBucket ${id}: noncurrentVersionExpirationDays must be a positive integer (got ${expiryDays}).`);
    }

    const rule = { id: 'expire-superseded-state', noncurrentDays: expiryDays, abortMultipartAfterDays: 7 };
    const inline = props.inlineLifecycleRule ?? false;

    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy ?? false,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
      // No prefix and no tags: the rule covers every object, as the configuration's empty filter does.
      lifecycleRule: inline
        ? [
            {
              id: rule.id,
              enabled: true,
              noncurrentVersionExpiration: { days: rule.noncurrentDays },
              abortIncompleteMultipartUploadDays: rule.abortMultipartAfterDays,
            },
          ]
        : undefined,
    });
    const hardened = hardenBucket(this, this.bucket, {
      objectOwnership: 'BucketOwnerEnforced',
      bucketKeyEnabled: true,
      denyInsecureTransport: props.denyInsecureTransport ?? true,
      extraStatements: [],
      lifecycleRules: inline
        ? []
        : [
            {
              id: rule.id,
              status: 'Enabled',
              filter: [{}],
              noncurrentVersionExpiration: [{ noncurrentDays: rule.noncurrentDays }],
              abortIncompleteMultipartUpload: [{ daysAfterInitiation: rule.abortMultipartAfterDays }],
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
