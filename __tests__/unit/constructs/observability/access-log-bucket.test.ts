import { DataAwsElbServiceAccount } from '@cdktf/provider-aws/lib/data-aws-elb-service-account';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Testing } from 'cdktf';
import { ACCESS_LOG_PREFIXES, AccessLogBucket, type AccessLogBucketProps } from '../../../../constructs/observability/access-log-bucket';
import { onlyResource } from '../../../helpers/synth';
import { dataReferenceTo, referenceTo, statementsOf } from '../../../helpers/constructs';

const ACCOUNT = '296674251987';
const BUCKET = `fintech-production-access-logs-${ACCOUNT}`;

function synthBucket(overrides: Partial<AccessLogBucketProps> = {}): string {
  return Testing.synthScope((scope) => {
    new AccessLogBucket(scope, 'access-logs', { bucketName: BUCKET, account: ACCOUNT, ...overrides });
  });
}

/** `type.name` of the only resource of a type, as used in depends_on. */
function address(synth: string, type: string): string {
  return referenceTo(synth, type, () => true).replace(/^\$\{(.*)\.id\}$/, '$1');
}

/** The only rule of the lifecycle configuration. */
function lifecycleRule(synth: string): Record<string, unknown> {
  return (onlyResource(synth, 'aws_s3_bucket_lifecycle_configuration').rule as Record<string, unknown>[])[0]!;
}

describe('AccessLogBucket', () => {
  describe('with the defaults', () => {
    let synth: string;
    let bucketId: string;
    let bucketArn: string;
    beforeAll(() => {
      synth = synthBucket();
      bucketId = referenceTo(synth, 'aws_s3_bucket', () => true);
      bucketArn = referenceTo(synth, 'aws_s3_bucket', () => true, 'arn');
    });

    test('creates the bucket with the configured name', () => {
      expect(synth).toHaveResourceWithProperties(S3Bucket, { bucket: BUCKET });
    });

    test('does not delete its objects on destroy by default (force_destroy false)', () => {
      expect(synth).toHaveResourceWithProperties(S3Bucket, { force_destroy: false });
    });

    test('versioning is Enabled', () => {
      expect(synth).toHaveResourceWithProperties(S3BucketVersioningA, {
        bucket: bucketId,
        versioning_configuration: expect.objectContaining({ status: 'Enabled' }),
      });
    });

    test('encrypts objects with SSE-S3 (AES256), the only encryption both log writers support', () => {
      expect(synth).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
        bucket: bucketId,
        rule: [
          expect.objectContaining({
            apply_server_side_encryption_by_default: expect.objectContaining({ sse_algorithm: 'AES256' }),
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

    test('object ownership is BucketOwnerPreferred: CloudFront standard logging writes through ACLs', () => {
      expect(synth).toHaveResourceWithProperties(S3BucketOwnershipControls, {
        bucket: bucketId,
        rule: expect.objectContaining({ object_ownership: 'BucketOwnerPreferred' }),
      });
    });

    test("looks up the region's Elastic Load Balancing service account", () => {
      expect(synth).toHaveDataSource(DataAwsElbServiceAccount);
    });

    test('the policy lets the ELB service account put objects only under alb/AWSLogs/<account>/', () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: expect.arrayContaining([
          expect.objectContaining({
            sid: 'LoadBalancerWritesAccessLogs',
            effect: 'Allow',
            principals: [expect.objectContaining({ type: 'AWS', identifiers: [dataReferenceTo(synth, 'aws_elb_service_account', 'arn')] })],
            actions: ['s3:PutObject'],
            resources: [`${bucketArn}/alb/AWSLogs/${ACCOUNT}/*`],
          }),
        ]),
      });
    });

    test('the ELB write grant uses the exported load balancer prefix', () => {
      const grant = statementsOf(synth, 'policy-document').find((s) => s.sid === 'LoadBalancerWritesAccessLogs')!;
      expect(grant.resources).toEqual([`${bucketArn}/${ACCESS_LOG_PREFIXES.loadBalancer}/AWSLogs/${ACCOUNT}/*`]);
    });

    test('the only Allow statement is the ELB write grant', () => {
      expect(
        statementsOf(synth, 'policy-document')
          .filter((s) => s.effect === 'Allow')
          .map((s) => s.sid),
      ).toEqual(['LoadBalancerWritesAccessLogs']);
    });

    test('by default the policy denies every S3 action on the bucket and its objects over plain HTTP', () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: expect.arrayContaining([
          expect.objectContaining({
            sid: 'DenyInsecureTransport',
            effect: 'Deny',
            principals: [expect.objectContaining({ type: '*', identifiers: ['*'] })],
            actions: ['s3:*'],
            resources: [bucketArn, `${bucketArn}/*`],
            condition: [expect.objectContaining({ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] })],
          }),
        ]),
      });
    });

    test('the policy is attached to the bucket after the public access block', () => {
      expect(synth).toHaveResourceWithProperties(S3BucketPolicy, {
        bucket: bucketId,
        policy: dataReferenceTo(synth, 'aws_iam_policy_document', 'json'),
        depends_on: [address(synth, 'aws_s3_bucket_public_access_block')],
      });
    });

    test('log objects expire after 90 days by default', () => {
      expect(synth).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
        bucket: bucketId,
        rule: [
          expect.objectContaining({
            status: 'Enabled',
            expiration: [expect.objectContaining({ days: 90 })],
          }),
        ],
      });
    });

    test('noncurrent log versions expire 7 days after they are superseded', () => {
      expect(synth).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
        rule: [expect.objectContaining({ noncurrent_version_expiration: [expect.objectContaining({ noncurrent_days: 7 })] })],
      });
    });

    test('the lifecycle rule covers every object (a filter with no prefix, tag or size condition)', () => {
      const filters = lifecycleRule(synth).filter as Record<string, unknown>[];
      expect(filters).toHaveLength(1);
      const { prefix, ...conditions } = filters[0]!;
      expect(prefix ?? '').toBe('');
      expect(conditions).toEqual({});
    });

    test('the lifecycle rule aborts incomplete multipart uploads after 1 day', () => {
      expect(lifecycleRule(synth).abort_incomplete_multipart_upload).toEqual([expect.objectContaining({ days_after_initiation: 1 })]);
    });

    test('the lifecycle configuration waits for versioning', () => {
      expect(onlyResource(synth, 'aws_s3_bucket_lifecycle_configuration').depends_on).toEqual([address(synth, 'aws_s3_bucket_versioning')]);
    });
  });

  test('retentionDays overrides the expiry of log objects', () => {
    expect(synthBucket({ retentionDays: 400 })).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ expiration: [expect.objectContaining({ days: 400 })] })],
    });
  });

  test('retentionDays leaves the noncurrent expiry at 7 days', () => {
    expect(lifecycleRule(synthBucket({ retentionDays: 400 })).noncurrent_version_expiration).toEqual([
      expect.objectContaining({ noncurrent_days: 7 }),
    ]);
  });

  test('forceDestroy true deletes the objects with the bucket (throwaway environments)', () => {
    expect(synthBucket({ forceDestroy: true })).toHaveResourceWithProperties(S3Bucket, { force_destroy: true });
  });

  test('denyInsecureTransport false drops the TLS-only statement', () => {
    const sids = statementsOf(synthBucket({ denyInsecureTransport: false }), 'policy-document').map((s) => s.sid);
    expect(sids).not.toContain('DenyInsecureTransport');
  });

  test('denyInsecureTransport false keeps the ELB write grant and the attached policy', () => {
    const synth = synthBucket({ denyInsecureTransport: false });
    expect(statementsOf(synth, 'policy-document').map((s) => s.sid)).toEqual(['LoadBalancerWritesAccessLogs']);
    expect(synth).toHaveResourceWithProperties(S3BucketPolicy, {
      policy: dataReferenceTo(synth, 'aws_iam_policy_document', 'json'),
    });
  });

  test('denyInsecureTransport false keeps versioning, encryption and the public access block', () => {
    const synth = synthBucket({ denyInsecureTransport: false });
    expect(synth).toHaveResourceWithProperties(S3BucketVersioningA, {
      versioning_configuration: expect.objectContaining({ status: 'Enabled' }),
    });
    expect(synth).toHaveResource(S3BucketServerSideEncryptionConfigurationA);
    expect(synth).toHaveResourceWithProperties(S3BucketPublicAccessBlock, { block_public_policy: true, restrict_public_buckets: true });
  });

  test.each([0, -1, 2.5])('rejects retentionDays %p, naming the bad value', (days) => {
    expect(() => synthBucket({ retentionDays: days })).toThrow(new RegExp(`retentionDays must be a positive integer \\(got ${days}\\)`));
  });

  test('accepts retentionDays 1', () => {
    expect(synthBucket({ retentionDays: 1 })).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ expiration: [expect.objectContaining({ days: 1 })] })],
    });
  });
});
