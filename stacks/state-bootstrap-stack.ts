import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/schema';
import { exportOutputs } from '../constructs/shared/outputs';
import { StateBucket } from '../constructs/state/state-bucket';
import { applyGuardrails } from '../guardrails';
import { applyDeployTarget, applyTargetSuppressions, deployTargetProfile, type DeployTargetProfile } from './deploy-target';
import { awsProvider, configureBackend } from './provider';

export interface StateBootstrapStackProps {
  readonly env: EnvironmentConfig;
  /** Where the stack is applied, resolved. @default the AWS profile */
  readonly profile?: DeployTargetProfile;
  /**
   * Where this stack keeps its own state: it creates the bucket the others use, so it cannot
   * live in it.
   * @default 'terraform.<stack>.tfstate' in the stack's working directory
   */
  readonly localStatePath?: string;
}

/** Name of an environment's state bootstrap stack. */
export function stateBootstrapStackName(envName: string): string {
  return `state-bootstrap-${envName}`;
}

/**
 * Creates the S3 bucket that holds an environment's Terraform state. Applied once per account,
 * with local state, before any delivery stack.
 */
export class StateBootstrapStack extends TerraformStack {
  public readonly stateBucket: StateBucket;

  public constructor(scope: Construct, id: string, props: StateBootstrapStackProps) {
    super(scope, id);
    const profile = props.profile ?? deployTargetProfile('aws');
    const buckets = profile.settings.buckets;
    awsProvider(this, props.env, profile);
    configureBackend(this, { kind: 'local', path: props.localStatePath ?? `terraform.${id}.tfstate` }, profile);
    applyGuardrails(this, { productionLike: props.env.productionLike });
    applyDeployTarget(this, profile);
    this.stateBucket = new StateBucket(this, 'state', {
      bucketName: props.env.state.bucket,
      preventDestroy: buckets.protectStateBucket,
      forceDestroy: buckets.forceDestroy,
      denyInsecureTransport: buckets.denyInsecureTransport,
      inlineLifecycleRule: buckets.stateBucketLifecycle === 'inline',
    });
    applyTargetSuppressions(profile, { stateBucket: this.stateBucket.bucket });
    exportOutputs(this);
  }
}
