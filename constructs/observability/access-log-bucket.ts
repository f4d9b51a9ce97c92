import { DataAwsElbServiceAccount } from '@cdktf/provider-aws/lib/data-aws-elb-service-account';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import type { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import type { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import type { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import type { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import type { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { hardenBucket } from '../shared/bucket-hardening';
import type { Outputs } from '../shared/outputs';

/** Key prefixes the services write under. */
export const ACCESS_LOG_PREFIXES = { cloudFront: 'cloudfront/', loadBalancer: 'alb' } as const;

/** The log bucket's name for an environment; bucket names are global, so the account is in it. */
export function accessLogBucketName(namePrefix: string, account: string): string {
  return `${namePrefix}-access-logs-${account}`;
}

export interface AccessLogBucketProps {
  readonly bucketName: string;
  readonly account: string;
  /**
   * Days log objects are kept (current versions expire, then noncurrent ones a week later).
   * @default 90
   */
  readonly retentionDays?: number;
  /**
   * Add the statement that denies every request not made over TLS.
   * @default true
   */
  readonly denyInsecureTransport?: boolean;
  /**
   * Let `destroy` delete the bucket with its objects (disposable environments).
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
  /** What an operator needs after a deploy (a stack exports them). */
  public readonly outputs: Outputs;
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
    const elbAccount = new DataAwsElbServiceAccount(this, 'elb-account', {});
    const hardened = hardenBucket(this, this.bucket, {
      // CloudFront's standard logging writes through the bucket ACL, so ACLs stay enabled.
      objectOwnership: 'BucketOwnerPreferred',
      bucketKeyEnabled: false,
      denyInsecureTransport: props.denyInsecureTransport ?? true,
      extraStatements: [
        {
          sid: 'LoadBalancerWritesAccessLogs',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [elbAccount.arn] }],
          actions: ['s3:PutObject'],
          resources: [`${this.bucket.arn}/${ACCESS_LOG_PREFIXES.loadBalancer}/AWSLogs/${props.account}/*`],
        },
      ],
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          status: 'Enabled',
          filter: [{}],
          expiration: [{ days: retention }],
          noncurrentVersionExpiration: [{ noncurrentDays: 7 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
        },
      ],
    });
    this.versioning = hardened.versioning;
    this.encryption = hardened.encryption;
    this.publicAccessBlock = hardened.publicAccessBlock;
    this.ownership = hardened.ownership;
    // Always present: the load balancer's write permission is in it.
    this.policy = hardened.policy!;
    // Always present: its rules are given above.
    this.lifecycle = hardened.lifecycle!;
    this.outputs = {
      access_log_bucket: { value: this.bucket.bucket, description: 'CloudFront (cloudfront/) and ALB (alb/) access logs.' },
    };
  }
}
