import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { TerraformStack } from 'cdktf';
import { LocalBackend, S3Backend } from 'cdktf';
import type { EnvironmentConfig } from '../config/schema';
import type { DeployTargetProfile } from './deploy-target';

/**
 * The AWS provider of a stack. It refuses any account but the environment's. For an endpoint
 * other than AWS's (the profile's `endpoint` settings) it skips what such an endpoint cannot
 * answer and retries little; the endpoint itself comes from AWS_ENDPOINT_URL at run time, so it
 * never appears in the synthesized JSON.
 */
export function awsProvider(stack: TerraformStack, env: EnvironmentConfig, profile: DeployTargetProfile): AwsProvider {
  return new AwsProvider(stack, 'aws', {
    region: env.region,
    allowedAccountIds: [env.account],
    defaultTags: [{ tags: { ...env.tags } }],
    ...profile.settings.endpoint?.provider,
  });
}

/** Where a stack keeps its state. */
export type StateBackend =
  | { readonly kind: 's3'; readonly bucket: string; readonly region: string; readonly key: string }
  | { readonly kind: 'local'; readonly path: string };

/**
 * Configures the stack's backend. The S3 backend encrypts state and locks with an S3 lock
 * object (`use_lockfile`, Terraform ≥ 1.10); cdktf 0.21's S3Backend has no field for it, so it
 * is added as an override.
 */
export function configureBackend(stack: TerraformStack, backend: StateBackend, profile: DeployTargetProfile): void {
  if (backend.kind === 'local') {
    new LocalBackend(stack, { path: backend.path });
    return;
  }
  new S3Backend(stack, {
    bucket: backend.bucket,
    key: backend.key,
    region: backend.region,
    encrypt: true,
    ...profile.settings.endpoint?.backend,
  });
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
}
