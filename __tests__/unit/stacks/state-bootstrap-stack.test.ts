import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Testing } from 'cdktf';
import type { EnvironmentConfig } from '../../../config/schema';
import { deployTargetProfile, type DeployTarget } from '../../../stacks/deploy-target';
import { StateBootstrapStack, stateBootstrapStackName, type StateBootstrapStackProps } from '../../../stacks/state-bootstrap-stack';
import { environment, resourcesOf, type SynthJson } from '../../helpers/synth';

interface Backends {
  local?: { path?: string };
  s3?: unknown;
}

function synthBootstrap(env: EnvironmentConfig, target?: DeployTarget, extra: Partial<StateBootstrapStackProps> = {}): string {
  const app = Testing.app();
  const profile = target ? deployTargetProfile(target) : undefined;
  const stack = new StateBootstrapStack(app, stateBootstrapStackName(env.name), { env, profile, ...extra });
  return Testing.synth(stack);
}

function backendsOf(synth: string): Backends {
  return ((JSON.parse(synth) as SynthJson).terraform?.backend ?? {}) as Backends;
}

describe('StateBootstrapStack', () => {
  let env: EnvironmentConfig;
  let synth: string;
  beforeAll(() => {
    env = environment('production');
    // GIVEN the default target (AWS) and no local state path
    synth = synthBootstrap(env);
  });

  test('is named state-bootstrap-<env>', () => {
    expect(stateBootstrapStackName('production')).toBe('state-bootstrap-production');
  });

  test('configures the AWS provider for the environment region, locked to its account, with its default tags', () => {
    expect(synth).toHaveProviderWithProperties(AwsProvider, {
      region: env.region,
      allowed_account_ids: [env.account],
      default_tags: [expect.objectContaining({ tags: { ...env.tags } })],
    });
  });

  test('against AWS the provider skips no validation', () => {
    const provider = ((JSON.parse(synth) as SynthJson).provider?.aws ?? [])[0] as Record<string, unknown>;
    expect(provider.skip_credentials_validation).toBeUndefined();
    expect(provider.skip_region_validation).toBeUndefined();
  });

  test('keeps its own state locally (it creates the bucket the other stacks use), in terraform.<stack>.tfstate by default', () => {
    expect(backendsOf(synth)).toEqual({ local: { path: 'terraform.state-bootstrap-production.tfstate' } });
  });

  test('localStatePath overrides the local state file', () => {
    const custom = synthBootstrap(env, 'aws', { localStatePath: '/tmp/bootstrap.tfstate' });
    expect(backendsOf(custom)).toEqual({ local: { path: '/tmp/bootstrap.tfstate' } });
  });

  test('creates the state bucket named by the environment', () => {
    expect(synth).toHaveResourceWithProperties(S3Bucket, { bucket: env.state.bucket });
    expect(Object.keys(resourcesOf(synth, 'aws_s3_bucket'))).toHaveLength(1);
  });

  test('against AWS the bucket refuses destroy and keeps its objects', () => {
    expect(synth).toHaveResourceWithProperties(S3Bucket, {
      force_destroy: false,
      lifecycle: expect.objectContaining({ prevent_destroy: true }),
    });
  });

  test('the bucket is versioned and blocks public access (the StateBucket construct)', () => {
    expect(synth).toHaveResourceWithProperties(S3BucketVersioningA, {
      versioning_configuration: expect.objectContaining({ status: 'Enabled' }),
    });
    expect(synth).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test('against AWS the bucket denies requests not made over TLS', () => {
    expect(synth).toHaveResource(S3BucketPolicy);
    expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        expect.objectContaining({
          effect: 'Deny',
          condition: [expect.objectContaining({ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] })],
        }),
      ],
    });
  });

  test('against AWS the lifecycle rule is an aws_s3_bucket_lifecycle_configuration, not inline on the bucket', () => {
    expect(synth).toHaveResource(S3BucketLifecycleConfiguration);
    expect(Object.values(resourcesOf(synth, 'aws_s3_bucket'))[0]!.lifecycle_rule).toBeUndefined();
  });

  test('creates only the state bucket and its configuration', () => {
    const types = Object.keys((JSON.parse(synth) as SynthJson).resource ?? {});
    expect(types.filter((t) => !t.startsWith('aws_s3_bucket'))).toEqual([]);
  });

  test('outputs the bucket name as state_bucket', () => {
    const bucket = Object.keys(resourcesOf(synth, 'aws_s3_bucket'))[0]!;
    expect((JSON.parse(synth) as SynthJson).output?.state_bucket).toEqual(
      expect.objectContaining({ value: `\${aws_s3_bucket.${bucket}.bucket}`, description: 'Terraform state bucket.' }),
    );
  });

  describe('with target "emulator"', () => {
    let emulator: string;
    beforeAll(() => {
      emulator = synthBootstrap(env, 'emulator');
    });

    test('the bucket is throwaway: destroy is allowed and deletes the objects', () => {
      expect(emulator).toHaveResourceWithProperties(S3Bucket, {
        force_destroy: true,
        lifecycle: expect.objectContaining({ prevent_destroy: false }),
      });
    });

    test('the bucket has no TLS-only policy (the emulator serves plain HTTP) but stays versioned', () => {
      expect(emulator).not.toHaveResource(S3BucketPolicy);
      expect(emulator).toHaveResourceWithProperties(S3BucketVersioningA, {
        versioning_configuration: expect.objectContaining({ status: 'Enabled' }),
      });
    });

    test('the provider skips the checks the emulator cannot answer, uses path-style S3 and retries little', () => {
      expect(emulator).toHaveProviderWithProperties(AwsProvider, {
        region: env.region,
        allowed_account_ids: [env.account],
        max_retries: 2,
        s3_use_path_style: true,
        skip_credentials_validation: true,
        skip_metadata_api_check: 'true',
        skip_region_validation: true,
      });
    });

    test('the emulator endpoint never appears in the synthesized provider', () => {
      const provider = ((JSON.parse(emulator) as SynthJson).provider?.aws ?? [])[0] as Record<string, unknown>;
      expect(provider.endpoints).toBeUndefined();
    });

    test('the lifecycle rule is inline on the bucket, not an aws_s3_bucket_lifecycle_configuration (gap s3-lifecycle-settle-wait)', () => {
      expect(emulator).not.toHaveResource(S3BucketLifecycleConfiguration);
      expect(emulator).toHaveResourceWithProperties(S3Bucket, {
        lifecycle_rule: [expect.objectContaining({ id: 'expire-superseded-state', enabled: true })],
      });
    });

    test('state is still kept locally', () => {
      expect(backendsOf(emulator)).toEqual({ local: { path: 'terraform.state-bootstrap-production.tfstate' } });
    });
  });
});
