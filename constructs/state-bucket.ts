import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';

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
   * Let `destroy` delete the bucket with its objects. Only for throwaway environments
   * (the local emulator).
   * @default false
   */
  readonly forceDestroy?: boolean;
  /**
   * Attach the bucket policy that denies every request not made over TLS. Only the local
   * emulator turns this off: it serves plain HTTP and enforces bucket policies.
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
  public readonly bucket: S3Bucket;
  public readonly versioning: S3BucketVersioningA;
  public readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  public readonly publicAccessBlock: S3BucketPublicAccessBlock;
  /** The TLS-only bucket policy (absent only on the emulator). */
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
    this.versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    this.encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' }, bucketKeyEnabled: true }],
    });
    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    if (props.denyInsecureTransport ?? true) {
      const tlsOnly = new DataAwsIamPolicyDocument(this, 'tls-only', {
        statement: [
          {
            sid: 'DenyInsecureTransport',
            effect: 'Deny',
            principals: [{ type: '*', identifiers: ['*'] }],
            actions: ['s3:*'],
            resources: [this.bucket.arn, `${this.bucket.arn}/*`],
            condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
          },
        ],
      });
      this.policy = new S3BucketPolicy(this, 'policy', {
        bucket: this.bucket.id,
        policy: tlsOnly.json,
        dependsOn: [this.publicAccessBlock],
      });
    }
    this.lifecycle = new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-superseded-state',
          status: 'Enabled',
          filter: [{}],
          noncurrentVersionExpiration: [{ noncurrentDays: expiryDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      dependsOn: [this.versioning],
    });
  }
}
