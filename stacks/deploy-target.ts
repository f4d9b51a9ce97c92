/**
 * Where a synthesized stack is applied, and everything that differs there, declared once as
 * typed data. A target resolves to a {@link DeployTargetProfile}: the AWS-meaningful settings
 * the stacks pass to constructs (which never learn which target they are built for), the
 * guardrail suppressions the target needs, and the read-back differences it tolerates. The
 * emulator's entries, each with its reason, are in `emulator-gaps.ts`.
 */
import type { IAspect, TerraformStack } from 'cdktf';
import { Aspects, TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { EnvironmentConfig } from '../config/schema';
import type { OriginAccess } from '../constructs/edge/edge-distribution';
import { suppressRule } from '../guardrails';
import { EMULATOR_GAPS, type EmulatorGap, type EmulatorGapId } from './emulator-gaps';

/** Where a synthesized stack is meant to be applied. */
export type DeployTarget = 'aws' | 'emulator';

/** Every setting that a deploy target decides, in AWS's terms. */
export interface TargetSettings {
  readonly edge: {
    /** How CloudFront reaches the load balancer. */
    readonly originAccess: OriginAccess;
    /** Create this project's origin-request and response-headers policies, or use AWS's managed ones. */
    readonly policies: 'create' | 'managed';
    /** Wait for a distribution change to reach every edge location. */
    readonly waitForDeployment: boolean;
  };
  readonly buckets: {
    /** Bucket policies deny every request not made over TLS. */
    readonly denyInsecureTransport: boolean;
    /** `destroy` deletes a bucket together with its objects. */
    readonly forceDestroy: boolean;
    /** Terraform refuses to destroy the state bucket (`prevent_destroy`). */
    readonly protectStateBucket: boolean;
    /**
     * How the state bucket's lifecycle rule is declared: as an `aws_s3_bucket_lifecycle_configuration`
     * (the provider's resource, which waits about a minute for S3 to settle after each change), or
     * inline on the bucket (the provider's deprecated `lifecycle_rule`, applied without that wait).
     */
    readonly stateBucketLifecycle: 'resource' | 'inline';
  };
  /** Days a deleted secret created here stays restorable; undefined: 30, or 0 where the data tier is unprotected. */
  readonly secretRecoveryWindowDays: number | undefined;
  readonly data: {
    /** Create the Redis replication group, or point the application at an endpoint nothing serves. */
    readonly redis: 'create' | { readonly placeholderEndpoint: string };
    readonly performanceInsights: boolean;
  };
  readonly service: {
    /** Application Auto Scaling for the service (when the environment configures it). */
    readonly applicationAutoScaling: boolean;
    /** A FARGATE_SPOT share (when the environment configures one). */
    readonly fargateSpot: boolean;
    /** The apply waits for the service's deployment to finish (`wait_for_steady_state`). */
    readonly waitForSteadyState: boolean;
  };
  /** How a local teardown disposes of the state bucket: destroy it, or forget it (it goes with the target). */
  readonly stateBucketTeardown: 'destroy' | 'forget';
  /** For an API endpoint other than AWS's (given at run time by AWS_ENDPOINT_URL): client settings. */
  readonly endpoint?: {
    readonly provider: {
      readonly maxRetries: number;
      readonly s3UsePathStyle: boolean;
      readonly skipCredentialsValidation: boolean;
      readonly skipMetadataApiCheck: string;
      readonly skipRegionValidation: boolean;
    };
    readonly backend: {
      readonly usePathStyle: boolean;
      readonly skipCredentialsValidation: boolean;
      readonly skipMetadataApiCheck: boolean;
      readonly skipRequestingAccountId: boolean;
    };
    /**
     * Step Functions requests go through the harness's front (scripts/lib/step-functions-front.ts),
     * which answers the calls the endpoint lacks and forwards the rest.
     */
    readonly stepFunctionsFront: boolean;
  };
}

/** What AWS itself gets: everything on, everything protected. */
export const AWS_SETTINGS: TargetSettings = {
  edge: { originAccess: 'vpc-origin', policies: 'create', waitForDeployment: true },
  buckets: { denyInsecureTransport: true, forceDestroy: false, protectStateBucket: true, stateBucketLifecycle: 'resource' },
  secretRecoveryWindowDays: undefined,
  data: { redis: 'create', performanceInsights: true },
  service: { applicationAutoScaling: true, fargateSpot: true, waitForSteadyState: true },
  stateBucketTeardown: 'destroy',
};

/** Settings a gap changes: any subset of {@link TargetSettings}. */
export type SettingsOverride = {
  readonly [K in keyof TargetSettings]?: TargetSettings[K] extends Record<string, unknown> | undefined
    ? Partial<NonNullable<TargetSettings[K]>>
    : TargetSettings[K];
};

/** Constructs a target's suppressions attach to; a stack passes the ones it has. */
export type SuppressionAnchor = 'stateBucket' | 'accessLogBucket';

/** A guardrail finding a target accepts, on one anchor, for a reason. */
export interface TargetSuppression {
  readonly on: SuppressionAnchor;
  readonly ruleId: string;
  readonly reason: string;
}

/** Attributes of a resource type that read back differently on a target without a real change. */
export interface ReadBackTolerance {
  /** Terraform resource type, e.g. `aws_vpc_security_group_ingress_rule`. */
  readonly resourceType: string;
  /**
   * Attribute paths (`description`, `default_cache_behavior[0].forwarded_values`); the target's
   * stacks ignore changes to them (`lifecycle.ignore_changes`). Keep them as narrow as the
   * difference: an adopted resource gets only the changes that are not ignored.
   */
  readonly attributes: readonly string[];
}

/** A deploy target, resolved. */
export interface DeployTargetProfile {
  readonly target: DeployTarget;
  readonly settings: TargetSettings;
  /** The gaps that made the settings differ from AWS's (none for AWS). */
  readonly gaps: readonly (EmulatorGap & { readonly id: EmulatorGapId })[];
  readonly suppressions: readonly TargetSuppression[];
  readonly readBackTolerances: readonly ReadBackTolerance[];
}

/** Settings of the emulator that are not gaps: it is disposable and reached at a loopback endpoint. */
const EMULATOR_BASE: SettingsOverride = {
  buckets: { forceDestroy: true, protectStateBucket: false },
  secretRecoveryWindowDays: 0,
  endpoint: {
    // An unimplemented API answers 500, and the default retries would run for minutes.
    provider: {
      maxRetries: 2,
      s3UsePathStyle: true,
      skipCredentialsValidation: true,
      skipMetadataApiCheck: 'true',
      skipRegionValidation: true,
    },
    backend: { usePathStyle: true, skipCredentialsValidation: true, skipMetadataApiCheck: true, skipRequestingAccountId: true },
    stepFunctionsFront: false,
  },
};

function merge(settings: TargetSettings, override: SettingsOverride): TargetSettings {
  const merged: Record<string, unknown> = { ...settings };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    const isSection = typeof value === 'object' && value !== null && typeof current === 'object' && current !== null;
    merged[key] = isSection ? { ...current, ...value } : value;
  }
  return merged as unknown as TargetSettings;
}

/** Resolves a target to its profile. */
export function deployTargetProfile(target: DeployTarget): DeployTargetProfile {
  if (target === 'aws') return { target, settings: AWS_SETTINGS, gaps: [], suppressions: [], readBackTolerances: [] };
  const gaps = (Object.entries(EMULATOR_GAPS) as [EmulatorGapId, EmulatorGap][]).map(([id, gap]) => ({ id, ...gap }));
  return {
    target,
    settings: gaps.reduce((s, g) => merge(s, g.settings ?? {}), merge(AWS_SETTINGS, EMULATOR_BASE)),
    gaps,
    suppressions: gaps.flatMap((g) => g.suppressions ?? []),
    readBackTolerances: gaps.flatMap((g) => g.readBack ?? []),
  };
}

/**
 * True when an environment can be deployed to the local emulator as it stands: it creates its own
 * network and data tier, so nothing it references must already exist there.
 */
export function runsOnEmulator(env: EnvironmentConfig): boolean {
  return env.network.mode === 'create' && env.dataServices.mode === 'create';
}

/** Adds the target's suppressions to the anchors a stack has. */
export function applyTargetSuppressions(profile: DeployTargetProfile, anchors: Partial<Record<SuppressionAnchor, IConstruct>>): void {
  for (const s of profile.suppressions) {
    const anchor = anchors[s.on];
    if (anchor) suppressRule(anchor, s.ruleId, s.reason);
  }
}

/**
 * Adds each tolerated attribute to `lifecycle.ignore_changes` of every resource of its type, so a
 * plan right after an apply reports no changes on a target that reads those attributes back
 * differently (a diff that is always there teaches people to ignore diffs).
 */
export class IgnoreReadBackDifferences implements IAspect {
  private readonly byType = new Map<string, string[]>();

  public constructor(tolerances: readonly ReadBackTolerance[]) {
    for (const t of tolerances) this.byType.set(t.resourceType, [...(this.byType.get(t.resourceType) ?? []), ...t.attributes]);
  }

  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource)) return;
    const attributes = this.byType.get(node.terraformResourceType);
    if (!attributes) return;
    const existing = node.lifecycle?.ignoreChanges;
    if (existing === 'all') return;
    const ignored = [...(Array.isArray(existing) ? existing : []), ...attributes];
    node.lifecycle = { ...node.lifecycle, ignoreChanges: ignored.filter((a, i) => ignored.indexOf(a) === i) };
  }
}

/** Applies what a target changes in every stack: its read-back tolerances. */
export function applyDeployTarget(stack: TerraformStack, profile: DeployTargetProfile): void {
  if (profile.readBackTolerances.length > 0) Aspects.of(stack).add(new IgnoreReadBackDifferences(profile.readBackTolerances));
}
