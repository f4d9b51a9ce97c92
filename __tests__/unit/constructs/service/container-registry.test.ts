import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { Testing } from 'cdktf';
import { ContainerRegistry, type ContainerRegistryProps } from '../../../../constructs/service/container-registry';
import { onlyResource, parseJsonAttribute } from '../../../helpers/synth';
import { referenceTo } from '../../../helpers/constructs';

interface LifecycleRule {
  rulePriority: number;
  description: string;
  selection: { tagStatus: string; tagPatternList?: string[]; countType: string; countUnit?: string; countNumber: number };
  action: { type: string };
}

const KMS_KEY = 'arn:aws:kms:us-east-1:296674251987:key/d9c8447f-91df-4df9-a012-6a5b6eab3cd0';

function synthRegistry(overrides: Partial<ContainerRegistryProps> = {}): string {
  return Testing.synthScope((scope) => {
    new ContainerRegistry(scope, 'registry', { repositoryName: 'fintech-api', ...overrides });
  });
}

function lifecycleRules(synth: string): LifecycleRule[] {
  return parseJsonAttribute<{ rules: LifecycleRule[] }>(onlyResource(synth, 'aws_ecr_lifecycle_policy').policy).rules;
}

describe('ContainerRegistry', () => {
  describe('with the defaults', () => {
    let synth: string;
    beforeAll(() => {
      synth = synthRegistry();
    });

    test('creates the repository with the configured name', () => {
      expect(synth).toHaveResourceWithProperties(EcrRepository, { name: 'fintech-api' });
    });

    test('scans every pushed image (scanOnPush defaults to true)', () => {
      expect(synth).toHaveResourceWithProperties(EcrRepository, {
        image_scanning_configuration: expect.objectContaining({ scan_on_push: true }),
      });
    });

    test('encrypts at rest with AES256 and no KMS key (encryptionType defaults to AES256)', () => {
      expect(synth).toHaveResourceWithProperties(EcrRepository, {
        encryption_configuration: [{ encryption_type: 'AES256' }],
      });
    });

    test('makes tags immutable: a deployed tag identifies exactly one image', () => {
      expect(synth).toHaveResourceWithProperties(EcrRepository, { image_tag_mutability: 'IMMUTABLE' });
    });

    test('attaches the lifecycle policy to the repository', () => {
      expect(synth).toHaveResourceWithProperties(EcrLifecyclePolicy, {
        repository: referenceTo(synth, 'aws_ecr_repository', () => true, 'name'),
      });
    });

    test('expires untagged images 7 days after push (rule priority 1)', () => {
      expect(lifecycleRules(synth)[0]).toEqual({
        rulePriority: 1,
        description: 'Expire untagged images after 7 days',
        selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 },
        action: { type: 'expire' },
      });
    });

    test('keeps the last 50 images beyond which older ones expire (rule priority 2, the lowest)', () => {
      const rules = lifecycleRules(synth);
      expect(rules).toHaveLength(2);
      expect(rules[1]).toEqual({
        rulePriority: 2,
        description: 'Keep the last 50 tagged images',
        selection: { tagStatus: 'tagged', tagPatternList: ['*'], countType: 'imageCountMoreThan', countNumber: 50 },
        action: { type: 'expire' },
      });
    });
  });

  test('scanOnPush false turns scanning off', () => {
    expect(synthRegistry({ scanOnPush: false })).toHaveResourceWithProperties(EcrRepository, {
      image_scanning_configuration: expect.objectContaining({ scan_on_push: false }),
    });
  });

  test('encryptionType KMS with a key ARN encrypts with that customer-managed key', () => {
    expect(synthRegistry({ encryptionType: 'KMS', kmsKeyArn: KMS_KEY })).toHaveResourceWithProperties(EcrRepository, {
      encryption_configuration: [{ encryption_type: 'KMS', kms_key: KMS_KEY }],
    });
  });

  test('encryptionType KMS without a key ARN uses the AWS-managed ECR key (no kms_key)', () => {
    expect(synthRegistry({ encryptionType: 'KMS' })).toHaveResourceWithProperties(EcrRepository, {
      encryption_configuration: [{ encryption_type: 'KMS' }],
    });
  });

  test('keepTaggedImages and untaggedExpiryDays override the lifecycle counts', () => {
    const rules = lifecycleRules(synthRegistry({ keepTaggedImages: 10, untaggedExpiryDays: 3 }));
    expect(rules.map((r) => [r.rulePriority, r.selection.countNumber, r.description])).toEqual([
      [1, 3, 'Expire untagged images after 3 days'],
      [2, 10, 'Keep the last 10 tagged images'],
    ]);
  });

  test('rejects kmsKeyArn with encryptionType AES256, naming the encryption type', () => {
    expect(() => synthRegistry({ kmsKeyArn: KMS_KEY })).toThrow(/kmsKeyArn is set but encryptionType is "AES256"/);
  });

  test.each([0, -3, 1.5])('rejects keepTaggedImages %p, naming the bad value', (keep) => {
    expect(() => synthRegistry({ keepTaggedImages: keep })).toThrow(
      new RegExp(`keepTaggedImages must be a positive integer \\(got ${keep}\\)`),
    );
  });

  test.each([0, -1, 2.5])('rejects untaggedExpiryDays %p, naming the bad value (ECR refuses the policy)', (days) => {
    expect(() => synthRegistry({ untaggedExpiryDays: days })).toThrow(
      new RegExp(`untaggedExpiryDays must be a positive integer \\(got ${days}\\)`),
    );
  });
});
