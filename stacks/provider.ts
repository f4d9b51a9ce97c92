import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { TerraformStack } from 'cdktf';
import { LocalBackend, S3Backend } from 'cdktf';
import type { EnvironmentConfig } from '../config/schema';
import type { DeployTarget } from './emulator';

/**
 * The AWS provider of a stack. Against AWS it refuses any account but the environment's.
 * Against the emulator it skips what the emulator cannot answer and retries little (an
 * unimplemented API answers 500, and the default retries would run for minutes); the endpoint
 * itself comes from AWS_ENDPOINT_URL at run time, so it never appears in the synthesized JSON.
 */
export function awsProvider(stack: TerraformStack, env: EnvironmentConfig, target: DeployTarget): AwsProvider {
  const common = {
    region: env.region,
    allowedAccountIds: [env.account],
    defaultTags: [{ tags: { ...env.tags } }],
  };
  if (target === 'aws') return new AwsProvider(stack, 'aws', common);
  return new AwsProvider(stack, 'aws', {
    ...common,
    maxRetries: 2,
    s3UsePathStyle: true,
    skipCredentialsValidation: true,
    skipMetadataApiCheck: 'true',
    skipRegionValidation: true,
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
export function configureBackend(stack: TerraformStack, backend: StateBackend, target: DeployTarget): void {
  if (backend.kind === 'local') {
    new LocalBackend(stack, { path: backend.path });
    return;
  }
  new S3Backend(stack, {
    bucket: backend.bucket,
    key: backend.key,
    region: backend.region,
    encrypt: true,
    ...(target === 'emulator'
      ? { usePathStyle: true, skipCredentialsValidation: true, skipMetadataApiCheck: true, skipRequestingAccountId: true }
      : {}),
  });
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
}
