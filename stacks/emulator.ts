/**
 * The local AWS emulator (moto) and where it differs from AWS. This is the one place that lists
 * those gaps: each entry says what the emulator lacks, why, and what replaces it when a stack is
 * synthesized with `target: 'emulator'`. Everything not listed here deploys to the emulator
 * exactly as it would to AWS.
 */

/** Where a synthesized stack is meant to be applied. */
export type DeployTarget = 'aws' | 'emulator';

/** A tolerated difference in a no-drift plan against the emulator. */
export interface ToleratedDrift {
  /** Terraform resource type, e.g. `aws_vpc_security_group_ingress_rule`. */
  readonly resourceType: string;
  /** Top-level attributes whose planned change is a read-back artefact, not a real change. */
  readonly attributes: readonly string[];
}

export interface EmulatorGap {
  readonly id: string;
  /** What the emulator does not do. */
  readonly gap: string;
  /** What the emulator-target stack does instead. */
  readonly replacement: string;
  /** Attributes tolerated by the no-drift check because of this gap. */
  readonly toleratedDrift?: readonly ToleratedDrift[];
}

export const EMULATOR_GAPS: readonly EmulatorGap[] = [
  {
    id: 'cloudfront-vpc-origin',
    gap: 'CloudFront VPC origins are not implemented (CreateVpcOrigin answers 404).',
    replacement: 'The ALB is a custom origin addressed by its DNS name (http-only); no aws_cloudfront_vpc_origin.',
  },
  {
    id: 'cloudfront-policies',
    gap: 'CloudFront origin-request and response-headers policy APIs are not implemented (404).',
    replacement:
      "The default behavior uses AWS's managed AllViewer origin request policy and managed SecurityHeadersPolicy (fixed IDs); no policy resources are created.",
  },
  {
    id: 'cloudfront-deployment-wait',
    gap: 'A distribution is never "Deployed" quickly; the provider polls for ~30 s per change.',
    replacement: 'wait_for_deployment = false.',
  },
  {
    id: 'cloudfront-read-back',
    gap: 'With a cache policy set, a distribution reads back a default forwarded_values block; the default certificate reads back with an ssl_support_method.',
    replacement: 'Nothing replaced; these attributes are tolerated by the no-drift check.',
    toleratedDrift: [{ resourceType: 'aws_cloudfront_distribution', attributes: ['default_cache_behavior', 'viewer_certificate'] }],
  },
  {
    id: 's3-tls-only-policy',
    gap: 'The emulator serves plain HTTP on loopback and enforces bucket policies, so a policy denying aws:SecureTransport = false refuses every request.',
    replacement:
      'The state bucket has no TLS-only bucket policy on the emulator (versioning, encryption and the public access block stay).',
  },
  {
    id: 'application-autoscaling',
    gap: "Reading an aws_appautoscaling_target's tags answers HTTP 500.",
    replacement:
      'No scaling target or policies on the emulator; the service keeps desired_count under ignore_changes as it would with the scaler.',
  },
  {
    id: 'ecs-capacity-provider-strategy',
    gap: "An ECS service's capacity_provider_strategy does not read back (it returns as a FARGATE launch type), so every plan would replace the service.",
    replacement: 'No FARGATE_SPOT share on the emulator: the service uses launch type FARGATE.',
  },
  {
    id: 's3-delete-markers',
    gap: "Deleting a delete marker fails (moto 5.2.1: 'FakeDeleteMarker' object has no attribute 'dispose'), so a versioned bucket that held a lock file cannot be emptied or destroyed.",
    replacement:
      'The local teardown destroys the delivery stack, then forgets the state bucket (terraform state rm) and discards it with the emulator instead of deleting it.',
  },
  {
    id: 'elasticache-replication-group',
    gap: 'ElastiCache replication groups cannot be read back after create and never finish deleting; cache subnet groups cannot be deleted.',
    replacement:
      'No ElastiCache resources (replication group, subnet/parameter groups, users); REDIS_HOST is the placeholder "redis.emulator.invalid".',
  },
  {
    id: 'rds-performance-insights',
    gap: 'Performance Insights settings of a DB instance are not stored (they read back as disabled).',
    replacement: 'Performance Insights is off on the emulator, so the instance and the policies that reference its secret do not drift.',
  },
  {
    id: 'rds-parameter-read-back',
    gap: 'A DB parameter group reads back without its parameters (rds.force_ssl, log_min_duration_statement).',
    replacement: 'Nothing replaced; the attribute is tolerated by the no-drift check.',
    toleratedDrift: [{ resourceType: 'aws_db_parameter_group', attributes: ['parameter'] }],
  },
  {
    id: 'security-group-rule-description',
    gap: 'Security group rules (aws_vpc_security_group_*_rule) read back without their description.',
    replacement: 'Nothing replaced; the attribute is tolerated by the no-drift check.',
    toleratedDrift: [
      { resourceType: 'aws_vpc_security_group_ingress_rule', attributes: ['description'] },
      { resourceType: 'aws_vpc_security_group_egress_rule', attributes: ['description'] },
    ],
  },
  {
    id: 'ecs-service-read-back',
    gap: 'An ECS service reads back health_check_grace_period_seconds as 0, enable_ecs_managed_tags as false and no availability_zone_rebalancing.',
    replacement: 'Nothing replaced; these attributes are tolerated by the no-drift check.',
    toleratedDrift: [
      {
        resourceType: 'aws_ecs_service',
        attributes: ['health_check_grace_period_seconds', 'enable_ecs_managed_tags', 'availability_zone_rebalancing'],
      },
    ],
  },
];

/** True when the named gap applies to `target`. */
export function hasGap(target: DeployTarget, id: string): boolean {
  if (target !== 'emulator') return false;
  if (!EMULATOR_GAPS.some((g) => g.id === id)) throw new Error(`Unknown emulator gap "${id}".`);
  return true;
}

/** Every drift the emulator no-drift check tolerates, from the gap list. */
export function toleratedDrift(): ToleratedDrift[] {
  return EMULATOR_GAPS.flatMap((g) => g.toleratedDrift ?? []);
}
