import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { Construct } from 'constructs';
import type { RoleGrants } from '../shared/policy';
import type { Outputs } from '../shared/outputs';

export interface ContainerRegistryProps {
  readonly repositoryName: string;
  /**
   * Scan every pushed image for vulnerabilities.
   * @default true
   */
  readonly scanOnPush?: boolean;
  /**
   * Encryption at rest: `AES256` (S3-managed keys) or `KMS`.
   * @default 'AES256'
   */
  readonly encryptionType?: 'AES256' | 'KMS';
  /**
   * IMMUTABLE: a pushed tag can never be moved to another image, so the tag a service runs
   * identifies exactly one image.
   * @default 'IMMUTABLE'
   */
  readonly imageTagMutability?: 'IMMUTABLE' | 'MUTABLE';
  /** Customer-managed key for `encryptionType: 'KMS'`. @default the AWS-managed ECR key */
  readonly kmsKeyArn?: string;
  /**
   * Images with a tag kept; older tagged images expire.
   * @default 50
   */
  readonly keepTaggedImages?: number;
  /**
   * Days after which untagged images expire.
   * @default 7
   */
  readonly untaggedExpiryDays?: number;
}

/** What the execution role needs to pull images from a repository. */
export function imagePullGrants(repositoryArn: string): RoleGrants {
  return {
    executionRole: [
      {
        sid: 'EcrAuthorizationToken',
        effect: 'Allow',
        actions: ['ecr:GetAuthorizationToken'],
        // GetAuthorizationToken is account-wide: it supports no resource-level permission, so
        // AWS requires Resource "*" for it. It grants a registry login, not image access.
        resources: ['*'],
      },
      {
        sid: 'EcrPullImage',
        effect: 'Allow',
        actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
        resources: [repositoryArn],
      },
    ],
  };
}

/** The private ECR repository the service pulls its image from. */
export class ContainerRegistry extends Construct {
  /** What an operator needs after a deploy (a stack exports them). */
  public readonly outputs: Outputs;
  public readonly repository: EcrRepository;
  public readonly lifecyclePolicy: EcrLifecyclePolicy;
  /** Lets the execution role pull from this repository. */
  public readonly pullGrants: RoleGrants;

  public constructor(scope: Construct, id: string, props: ContainerRegistryProps) {
    super(scope, id);
    const encryptionType = props.encryptionType ?? 'AES256';
    const keepTagged = props.keepTaggedImages ?? 50;
    const untaggedDays = props.untaggedExpiryDays ?? 7;
    if (props.kmsKeyArn && encryptionType !== 'KMS') {
      throw new Error(`ContainerRegistry ${id}: kmsKeyArn is set but encryptionType is "${encryptionType}"; set encryptionType to "KMS".`);
    }
    if (!Number.isInteger(untaggedDays) || untaggedDays < 1) {
      throw new Error(`ContainerRegistry ${id}: untaggedExpiryDays must be a positive integer (got ${untaggedDays}).`);
    }
    if (!Number.isInteger(keepTagged) || keepTagged < 1) {
      throw new Error(`ContainerRegistry ${id}: keepTaggedImages must be a positive integer (got ${keepTagged}).`);
    }

    this.repository = new EcrRepository(this, 'repository', {
      name: props.repositoryName,
      imageTagMutability: props.imageTagMutability ?? 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: props.scanOnPush ?? true },
      encryptionConfiguration: [{ encryptionType, kmsKey: props.kmsKeyArn }],
    });
    this.pullGrants = imagePullGrants(this.repository.arn);
    this.lifecyclePolicy = new EcrLifecyclePolicy(this, 'lifecycle', {
      repository: this.repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: `Expire untagged images after ${untaggedDays} days`,
            selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: untaggedDays },
            action: { type: 'expire' },
          },
          {
            rulePriority: 2,
            description: `Keep the last ${keepTagged} tagged images`,
            selection: { tagStatus: 'tagged', tagPatternList: ['*'], countType: 'imageCountMoreThan', countNumber: keepTagged },
            action: { type: 'expire' },
          },
        ],
      }),
    });
    this.outputs = {
      ecr_repository_url: { value: this.repository.repositoryUrl, description: 'Push images here: <url>:<tag>.' },
    };
  }
}
