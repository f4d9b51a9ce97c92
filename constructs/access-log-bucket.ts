import { DataAwsElbServiceAccount } from '@cdktf/provider-aws/lib/data-aws-elb-service-account';
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';

/** Key prefixes the services write under. */
export const ACCESS_LOG_PREFIXES = { cloudFront: 'cloudfront/', loadBalancer: 'alb' } as const;

export interface AccessLogBucketProps {
  readonly bucketName: string;
  readonly account: string;
  /**
   * Days log objects are kept (current versions expire, then noncurrent ones a week later).
   * @default 90
   */
  readonly retentionDays?: number;
  /**
   * Attach the policy that denies non-TLS requests. Only the local emulator turns this off (it
   * serves plain HTTP and enforces bucket policies).
   * @default true
   */
  readonly denyInsecureTransport?: boolean;
  /**
   * Let `destroy` delete the bucket with its objects (throwaway environments only).
   * @default false
   */
  readonly forceDestroy?: boolean;
}

/**
 * The dedicated bucket for CloudFront standard logs and ALB access logs: versioned, SSE-S3
 * (the only encryption both log writers support), all public access blocked, TLS-only, objects
 * expiring after the retention period.
 *
 * Each writer needs something of the bucket: CloudFront's legacy standard logging writes through
 * the bucket ACL (so ownership is BucketOwnerPreferred, not ACLs disabled — the ACL is granted by
 * CloudFront itself and is never public); the ALB writes as its region's Elastic Load Balancing
 * account, admitted by the bucket policy to the `alb/` prefix of this account only.
 */
export class AccessLogBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly versioning: S3BucketVersioningA;
  public readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  public readonly publicAccessBlock: S3BucketPublicAccessBlock;
  public readonly policy: S3BucketPolicy;
  public readonly lifecycle: S3BucketLifecycleConfiguration;
  /** BucketOwnerPreferred ownership: CloudFront's standard logging needs it before it can write. */
  public readonly ownership: S3BucketOwnershipControls;

  public constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const retention = props.retentionDays ?? 90;
    if (!Number.isInteger(retention) || retention < 1) {
      throw new Error(`AccessLogBucket ${id}: retentionDays must be a positive integer (got ${retention}).`);
    }

    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName, forceDestroy: props.forceDestroy ?? false });
    this.versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    this.encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    this.ownership = new S3BucketOwnershipControls(this, 'ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerPreferred' },
    });

    const elbAccount = new DataAwsElbServiceAccount(this, 'elb-account', {});
    const statements: DataAwsIamPolicyDocumentStatement[] = [
      {
        sid: 'LoadBalancerWritesAccessLogs',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: [elbAccount.arn] }],
        actions: ['s3:PutObject'],
        resources: [`${this.bucket.arn}/${ACCESS_LOG_PREFIXES.loadBalancer}/AWSLogs/${props.account}/*`],
      },
    ];
    if (props.denyInsecureTransport ?? true) {
      statements.push({
        sid: 'DenyInsecureTransport',
        effect: 'Deny',
        principals: [{ type: '*', identifiers: ['*'] }],
        actions: ['s3:*'],
        resources: [this.bucket.arn, `${this.bucket.arn}/*`],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      });
    }
    const policy = new DataAwsIamPolicyDocument(this, 'policy-document', { statement: statements });
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: policy.json,
      dependsOn: [this.publicAccessBlock],
    });
    this.lifecycle = new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-access-logs',
          status: 'Enabled',
          filter: [{}],
          expiration: [{ days: retention }],
          noncurrentVersionExpiration: [{ noncurrentDays: 7 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
        },
      ],
      dependsOn: [this.versioning],
    });
  }
}
