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
 * The Terraform versions every stack accepts. The S3 backend's `use_lockfile` is unknown before
 * Terraform 1.10 and experimental in 1.10; it is generally available from 1.11, so every stack
 * (the bootstrap stack too: one toolchain for all) requires 1.11 or newer.
 */
export const TERRAFORM_REQUIRED_VERSION = '>= 1.11';

/**
 * Configures the stack's `terraform` block: the Terraform versions it accepts
 * ({@link TERRAFORM_REQUIRED_VERSION}) and its backend. The S3 backend encrypts state and locks
 * with an S3 lock object (`use_lockfile`); cdktf 0.21's S3Backend has no field for it, and its
 * TerraformStack none for `required_version`, so both are added as overrides.
 */
export function configureBackend(stack: TerraformStack, backend: StateBackend, profile: DeployTargetProfile): void {
  stack.addOverride('terraform.required_version', TERRAFORM_REQUIRED_VERSION);
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
