import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { Construct } from 'constructs';

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

/** The private ECR repository the service pulls its image from. */
export class ContainerRegistry extends Construct {
  public readonly repository: EcrRepository;
  public readonly lifecyclePolicy: EcrLifecyclePolicy;

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
  }
}
