import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/schema';
import { StateBucket } from '../constructs/state/state-bucket';
import { applyGuardrails, suppressRule } from '../guardrails';
import { hasGap, type DeployTarget } from './emulator';
import { awsProvider, configureBackend } from './provider';

export interface StateBootstrapStackProps {
  readonly env: EnvironmentConfig;
  /** @default 'aws' */
  readonly target?: DeployTarget;
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
    const target = props.target ?? 'aws';
    awsProvider(this, props.env, target);
    applyGuardrails(this, { productionLike: props.env.productionLike });
    configureBackend(this, { kind: 'local', path: props.localStatePath ?? `terraform.${id}.tfstate` }, target);
    const throwaway = target === 'emulator';
    this.stateBucket = new StateBucket(this, 'state', {
      bucketName: props.env.state.bucket,
      preventDestroy: !throwaway,
      forceDestroy: throwaway,
      denyInsecureTransport: !hasGap(target, 's3-tls-only-policy'),
    });
    if (hasGap(target, 's3-tls-only-policy')) {
      suppressRule(
        this.stateBucket.bucket,
        'FIN-BKT4',
        'Emulator target only (gap s3-tls-only-policy): the emulator serves plain HTTP and enforces bucket policies',
      );
    }
    new TerraformOutput(this, 'state_bucket', { value: this.stateBucket.bucket.bucket, description: 'Terraform state bucket.' });
  }
}
