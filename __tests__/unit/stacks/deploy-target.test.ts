import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App, Aspects, TerraformStack, Testing } from 'cdktf';
import { suppressionsWithin } from '../../../guardrails';
import {
  applyTargetSuppressions,
  AWS_SETTINGS,
  deployTargetProfile,
  IgnoreReadBackDifferences,
  runsOnEmulator,
} from '../../../stacks/deploy-target';
import { EMULATOR_GAPS } from '../../../stacks/emulator-gaps';
import { environment, onlyResource } from '../../helpers/synth';

describe('deploy target profiles', () => {
  test('GIVEN the aws target THEN the settings are AWS_SETTINGS and nothing is suppressed or ignored', () => {
    const profile = deployTargetProfile('aws');
    expect(profile.settings).toBe(AWS_SETTINGS);
    expect(profile.gaps).toEqual([]);
    expect(profile.suppressions).toEqual([]);
    expect(profile.readBackTolerances).toEqual([]);
  });

  test('GIVEN the emulator target THEN every gap is listed, in the order of the gap list', () => {
    expect(deployTargetProfile('emulator').gaps.map((g) => g.id)).toEqual(Object.keys(EMULATOR_GAPS));
  });

  test.each(Object.entries(EMULATOR_GAPS))('the gap %s says what it lacks and changes something on the emulator', (_id, gap) => {
    expect(gap.gap.length).toBeGreaterThan(20);
    expect(gap.replacement.length).toBeGreaterThan(10);
    const effects = Object.keys(gap.settings ?? {}).length + (gap.suppressions?.length ?? 0) + (gap.readBack?.length ?? 0);
    expect(effects).toBeGreaterThan(0);
  });

  test('GIVEN the emulator target THEN each gap setting is applied and the sections keep the settings no gap changes', () => {
    const { settings } = deployTargetProfile('emulator');
    expect(settings.edge).toEqual({ originAccess: 'public-dns', policies: 'managed', waitForDeployment: false });
    expect(settings.data).toEqual({ redis: { placeholderEndpoint: 'redis.emulator.invalid' }, performanceInsights: false });
    expect(settings.service).toEqual({ applicationAutoScaling: false, fargateSpot: false, waitForSteadyState: false });
    expect(settings.buckets).toEqual({
      denyInsecureTransport: false,
      forceDestroy: true,
      protectStateBucket: false,
      stateBucketLifecycle: 'inline',
    });
    expect(settings.stateBucketTeardown).toBe('forget');
    expect(settings.secretRecoveryWindowDays).toBe(0);
  });

  test('GIVEN the emulator target THEN its provider retries little and its backend uses path-style requests', () => {
    const endpoint = deployTargetProfile('emulator').settings.endpoint;
    expect(endpoint?.provider.maxRetries).toBe(2);
    expect(endpoint?.backend.usePathStyle).toBe(true);
    expect(endpoint?.stepFunctionsFront).toBe(true);
    expect(AWS_SETTINGS.endpoint).toBeUndefined();
  });

  test('resolving a profile leaves AWS_SETTINGS unchanged', () => {
    const before = JSON.stringify(AWS_SETTINGS);
    deployTargetProfile('emulator');
    expect(JSON.stringify(AWS_SETTINGS)).toBe(before);
  });
});

describe('runsOnEmulator', () => {
  test('GIVEN dev (own network and data tier) THEN it runs on the emulator', () => {
    expect(runsOnEmulator(environment('dev'))).toBe(true);
  });

  test('GIVEN production (references what exists in its account) THEN it does not', () => {
    expect(runsOnEmulator(environment('production'))).toBe(false);
  });
});

describe('IgnoreReadBackDifferences', () => {
  function serviceWith(lifecycle: ConstructorParameters<typeof EcsService>[2]['lifecycle']): Record<string, unknown> {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'stack');
    new EcsService(stack, 'service', { name: 'svc', lifecycle });
    Aspects.of(stack).add(
      new IgnoreReadBackDifferences([
        { resourceType: 'aws_ecs_service', attributes: ['health_check_grace_period_seconds', 'desired_count'] },
      ]),
    );
    return onlyResource(Testing.synth(stack), 'aws_ecs_service');
  }

  test('GIVEN a resource of a tolerated type THEN its attributes are added to ignore_changes', () => {
    expect(serviceWith(undefined).lifecycle).toEqual({ ignore_changes: ['health_check_grace_period_seconds', 'desired_count'] });
  });

  test('GIVEN existing ignore_changes THEN they are kept first and nothing is listed twice', () => {
    expect(serviceWith({ ignoreChanges: ['desired_count'] }).lifecycle).toEqual({
      ignore_changes: ['desired_count', 'health_check_grace_period_seconds'],
    });
  });

  test('GIVEN ignore_changes "all" THEN it stays "all"', () => {
    expect(serviceWith({ ignoreChanges: 'all' }).lifecycle).toEqual({ ignore_changes: 'all' });
  });

  test('GIVEN other lifecycle settings THEN they are kept', () => {
    expect(serviceWith({ preventDestroy: true }).lifecycle).toEqual(
      expect.objectContaining({ prevent_destroy: true, ignore_changes: expect.any(Array) }),
    );
  });
});

describe('applyTargetSuppressions', () => {
  test('GIVEN the emulator profile and one anchor THEN only that anchor gets its suppressions, with the gap reason', () => {
    const stack = new TerraformStack(new App(), 'stack');
    const bucket = new S3Bucket(stack, 'bucket', { bucket: 'b' });
    applyTargetSuppressions(deployTargetProfile('emulator'), { accessLogBucket: bucket });
    expect(suppressionsWithin(stack)).toEqual([
      { ruleId: 'FIN-BKT4', path: 'stack/bucket', reason: expect.stringContaining('gap s3-tls-only-policy') },
    ]);
  });

  test('GIVEN the aws profile THEN nothing is suppressed', () => {
    const stack = new TerraformStack(new App(), 'stack');
    applyTargetSuppressions(deployTargetProfile('aws'), { accessLogBucket: new S3Bucket(stack, 'bucket', { bucket: 'b' }) });
    expect(suppressionsWithin(stack)).toEqual([]);
  });
});
