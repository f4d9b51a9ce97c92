import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import type { EcrRepositoryConfig } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { TerraformStack } from 'cdktf';
import { findingFor, givenStack } from '../../helpers/guardrails';

/** A repository; `changes` override the hardened defaults. */
function givenRepository(stack: TerraformStack, changes: Partial<EcrRepositoryConfig> = {}): EcrRepository {
  return new EcrRepository(stack, 'repository', {
    name: 'api',
    imageTagMutability: 'IMMUTABLE',
    imageScanningConfiguration: { scanOnPush: true },
    ...changes,
  });
}

type BucketPart = 'versioning' | 'encryption' | 'public-access-block' | 'tls-policy';

/** A bucket with every hardening resource except those in `without`; `tlsResources` overrides the Deny's resources. */
function givenBucket(stack: TerraformStack, without: readonly BucketPart[] = [], tlsResources?: (b: S3Bucket) => string[]): S3Bucket {
  const bucket = new S3Bucket(stack, 'bucket', { bucket: 'fintech-state' });
  if (!without.includes('versioning')) {
    new S3BucketVersioningA(stack, 'versioning', { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
  }
  if (!without.includes('encryption')) {
    new S3BucketServerSideEncryptionConfigurationA(stack, 'encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }],
    });
  }
  if (!without.includes('public-access-block')) {
    new S3BucketPublicAccessBlock(stack, 'public-access-block', {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
  }
  if (!without.includes('tls-policy')) {
    const document = new DataAwsIamPolicyDocument(stack, 'tls-only', {
      statement: [
        {
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:*'],
          resources: tlsResources ? tlsResources(bucket) : [bucket.arn, `${bucket.arn}/*`],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ],
    });
    new S3BucketPolicy(stack, 'policy', { bucket: bucket.id, policy: document.json });
  }
  return bucket;
}

describe('FIN-ECR1', () => {
  test('compliant: GIVEN scan on push WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    expect(findingFor(stack, 'FIN-ECR1', givenRepository(stack)).status).toBe('compliant');
  });

  test('non-compliant: GIVEN scan on push off WHEN evaluated THEN the reason names scan_on_push false', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-ECR1', givenRepository(stack, { imageScanningConfiguration: { scanOnPush: false } }));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('scan_on_push is false');
  });
});

describe('FIN-ECR2', () => {
  test('compliant: GIVEN IMMUTABLE tags WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    expect(findingFor(stack, 'FIN-ECR2', givenRepository(stack)).status).toBe('compliant');
  });

  test('non-compliant: GIVEN MUTABLE tags WHEN evaluated THEN the reason names MUTABLE', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-ECR2', givenRepository(stack, { imageTagMutability: 'MUTABLE' }));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('image_tag_mutability is "MUTABLE"');
  });
});

describe('FIN-ECR3', () => {
  test('compliant: GIVEN a lifecycle policy on the repository name WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const repository = givenRepository(stack);
    new EcrLifecyclePolicy(stack, 'lifecycle', { repository: repository.name, policy: '{"rules":[]}' });

    expect(findingFor(stack, 'FIN-ECR3', repository).status).toBe('compliant');
  });

  test('non-compliant: GIVEN no lifecycle policy WHEN evaluated THEN the reason names the repository', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-ECR3', givenRepository(stack));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('repository "api"');
  });
});

describe('FIN-BKT1', () => {
  test('compliant: GIVEN versioning Enabled WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    expect(findingFor(stack, 'FIN-BKT1', givenBucket(stack)).status).toBe('compliant');
  });

  test('non-compliant: GIVEN no versioning resource WHEN evaluated THEN the reason names the bucket', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-BKT1', givenBucket(stack, ['versioning']));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('no aws_s3_bucket_versioning references bucket "fintech-state"');
  });
});

describe('FIN-BKT2', () => {
  test('compliant: GIVEN a default aws:kms encryption rule WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    expect(findingFor(stack, 'FIN-BKT2', givenBucket(stack)).status).toBe('compliant');
  });

  test('non-compliant: GIVEN no encryption configuration WHEN evaluated THEN the reason names the bucket', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-BKT2', givenBucket(stack, ['encryption']));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('bucket "fintech-state"');
  });
});

describe('FIN-BKT3', () => {
  test('compliant: GIVEN all four public access blocks WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    expect(findingFor(stack, 'FIN-BKT3', givenBucket(stack)).status).toBe('compliant');
  });

  test('non-compliant: GIVEN restrict_public_buckets false WHEN evaluated THEN the reason names the setting', () => {
    const { stack } = givenStack();
    const bucket = givenBucket(stack, ['public-access-block']);
    new S3BucketPublicAccessBlock(stack, 'partial-block', {
      bucket: bucket.bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: false,
    });

    const finding = findingFor(stack, 'FIN-BKT3', bucket);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('restrict_public_buckets is false');
  });
});

describe('FIN-BKT4', () => {
  test('compliant: GIVEN a Deny on aws:SecureTransport false over the bucket and its objects WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    expect(findingFor(stack, 'FIN-BKT4', givenBucket(stack)).status).toBe('compliant');
  });

  test('non-compliant: GIVEN the TLS Deny covers only the objects WHEN evaluated THEN the reason says the bucket ARN is missing', () => {
    const { stack } = givenStack();
    const bucket = givenBucket(stack, [], (b) => [`${b.arn}/*`]);

    const finding = findingFor(stack, 'FIN-BKT4', bucket);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('but not the bucket ARN');
  });

  test('non-compliant: GIVEN no bucket policy WHEN evaluated THEN the reason names the bucket', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-BKT4', givenBucket(stack, ['tls-policy']));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('no bucket policy for bucket "fintech-state"');
  });
});
