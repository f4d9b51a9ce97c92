/**
 * The local AWS emulator (moto) and where it differs from AWS: the one list of those gaps. Each
 * entry says what the emulator lacks, what replaces it there, and how: the settings it changes
 * (see {@link TargetSettings}), the guardrail findings it accepts and the attributes it reads back
 * differently. Everything not listed here deploys to the emulator exactly as it would to AWS.
 */
import type { ReadBackTolerance, SettingsOverride, TargetSuppression } from './deploy-target';

export type EmulatorGapId =
  | 'cloudfront-vpc-origin'
  | 'cloudfront-policies'
  | 'cloudfront-deployment-wait'
  | 'cloudfront-read-back'
  | 's3-tls-only-policy'
  | 'application-autoscaling'
  | 'ecs-capacity-provider-strategy'
  | 'ecs-tasks-never-run'
  | 's3-delete-markers'
  | 's3-lifecycle-settle-wait'
  | 'elasticache-replication-group'
  | 'rds-performance-insights'
  | 'rds-parameter-read-back'
  | 'security-group-rule-description'
  | 'ecs-service-read-back'
  | 'logs-associate-kms-key'
  | 'sfn-unimplemented-calls';

export interface EmulatorGap {
  /** What the emulator does not do. */
  readonly gap: string;
  /** What the emulator-target stack does instead. */
  readonly replacement: string;
  /** The settings this gap changes. */
  readonly settings?: SettingsOverride;
  /** Guardrail findings accepted on the emulator because of this gap. */
  readonly suppressions?: readonly TargetSuppression[];
  /** Attributes that read back differently; ignored on the emulator, so a plan after apply is clean. */
  readonly readBack?: readonly ReadBackTolerance[];
}

const PLAIN_HTTP = 'Emulator target only (gap s3-tls-only-policy): the emulator serves plain HTTP and enforces bucket policies';

export const EMULATOR_GAPS: { readonly [K in EmulatorGapId]: EmulatorGap } = {
  'cloudfront-vpc-origin': {
    gap: 'CloudFront VPC origins are not implemented (CreateVpcOrigin answers 404).',
    replacement: 'The ALB is a custom origin addressed by its DNS name (http-only); no aws_cloudfront_vpc_origin.',
    settings: { edge: { originAccess: 'public-dns' } },
  },
  'cloudfront-policies': {
    gap: 'CloudFront origin-request and response-headers policy APIs are not implemented (404).',
    replacement:
      "The default behavior uses AWS's managed AllViewer origin request policy and managed SecurityHeadersPolicy (fixed IDs); no policy resources are created.",
    settings: { edge: { policies: 'managed' } },
  },
  'cloudfront-deployment-wait': {
    gap: 'A distribution is never "Deployed" quickly; the provider polls for ~30 s per change.',
    replacement: 'wait_for_deployment = false.',
    settings: { edge: { waitForDeployment: false } },
  },
  'cloudfront-read-back': {
    gap: 'With a cache policy set, a distribution reads back a default forwarded_values block; the default certificate reads back with an ssl_support_method.',
    replacement:
      'Nothing replaced; changes to exactly those two nested attributes are ignored on the emulator (an adopted distribution still gets every other change).',
    readBack: [
      {
        resourceType: 'aws_cloudfront_distribution',
        attributes: ['default_cache_behavior[0].forwarded_values', 'viewer_certificate[0].ssl_support_method'],
      },
    ],
  },
  's3-tls-only-policy': {
    gap: 'The emulator serves plain HTTP on loopback and enforces bucket policies, so a policy denying aws:SecureTransport = false refuses every request.',
    replacement:
      'The state bucket has no TLS-only bucket policy on the emulator (versioning, encryption and the public access block stay).',
    settings: { buckets: { denyInsecureTransport: false } },
    suppressions: [
      { on: 'stateBucket', ruleId: 'FIN-BKT4', reason: PLAIN_HTTP },
      { on: 'accessLogBucket', ruleId: 'FIN-BKT4', reason: PLAIN_HTTP },
    ],
  },
  'application-autoscaling': {
    gap: "Reading an aws_appautoscaling_target's tags answers HTTP 500.",
    replacement:
      'No scaling target or policies on the emulator; the service keeps desired_count under ignore_changes as it would with the scaler.',
    settings: { service: { applicationAutoScaling: false } },
  },
  'ecs-capacity-provider-strategy': {
    gap: "An ECS service's capacity_provider_strategy does not read back (it returns as a FARGATE launch type), so every plan would replace the service.",
    replacement: 'No FARGATE_SPOT share on the emulator: the service uses launch type FARGATE.',
    settings: { service: { fargateSpot: false } },
  },
  'ecs-tasks-never-run': {
    gap: "No ECS task ever starts: a service's runningCount stays 0 (pendingCount = desiredCount), so it never reaches a steady state and wait_for_steady_state would wait until its 20-minute timeout.",
    replacement:
      'wait_for_steady_state = false on the emulator; the release postcondition still compares the task definition the service reads back with the registered one, and npm run plan / npm run drift still report a rollback.',
    settings: { service: { waitForSteadyState: false } },
  },
  's3-delete-markers': {
    gap: "Deleting a delete marker fails (moto 5.2.1: 'FakeDeleteMarker' object has no attribute 'dispose'), so a versioned bucket that held a lock file cannot be emptied or destroyed.",
    replacement:
      'The local teardown destroys the delivery stack, then forgets the state bucket (terraform state rm) and discards it with the emulator instead of deleting it.',
    settings: { stateBucketTeardown: 'forget' },
  },
  's3-lifecycle-settle-wait': {
    gap: "Not a missing API but a wait that protects nothing here: after every create or update, the provider's aws_s3_bucket_lifecycle_configuration polls until ten consecutive reads (5 s apart, after 10 s) return what it wrote, because S3 is eventually consistent. The emulator is consistent at once, yet the wait is ~55 s, the whole of the state bootstrap.",
    replacement:
      "The state bucket declares the same rule inline on aws_s3_bucket (lifecycle_rule: deprecated by the provider, so the bootstrap's plan prints a deprecation warning, but applied without the wait). The access-log bucket keeps its aws_s3_bucket_lifecycle_configuration: its wait runs beside the database's and costs the delivery apply nothing.",
    settings: { buckets: { stateBucketLifecycle: 'inline' } },
  },
  'elasticache-replication-group': {
    gap: 'ElastiCache replication groups cannot be read back after create and never finish deleting; cache subnet groups cannot be deleted.',
    replacement:
      'No ElastiCache resources (replication group, subnet/parameter groups, users); REDIS_HOST is the placeholder "redis.emulator.invalid".',
    settings: { data: { redis: { placeholderEndpoint: 'redis.emulator.invalid' } } },
  },
  'rds-performance-insights': {
    gap: 'Performance Insights settings of a DB instance are not stored (they read back as disabled).',
    replacement: 'Performance Insights is off on the emulator, so the instance and the policies that reference its secret do not drift.',
    settings: { data: { performanceInsights: false } },
  },
  'rds-parameter-read-back': {
    gap: 'A DB parameter group reads back without its parameters (rds.force_ssl, log_min_duration_statement).',
    replacement: 'Nothing replaced; changes to the attribute are ignored on the emulator.',
    readBack: [{ resourceType: 'aws_db_parameter_group', attributes: ['parameter'] }],
  },
  'security-group-rule-description': {
    gap: 'Security group rules (aws_vpc_security_group_*_rule) read back without their description.',
    replacement: 'Nothing replaced; changes to the attribute are ignored on the emulator.',
    readBack: [
      { resourceType: 'aws_vpc_security_group_ingress_rule', attributes: ['description'] },
      { resourceType: 'aws_vpc_security_group_egress_rule', attributes: ['description'] },
    ],
  },
  'ecs-service-read-back': {
    gap: 'An ECS service reads back health_check_grace_period_seconds as 0, enable_ecs_managed_tags as false and no availability_zone_rebalancing.',
    replacement: 'Nothing replaced; changes to these attributes are ignored on the emulator.',
    readBack: [
      {
        resourceType: 'aws_ecs_service',
        attributes: ['health_check_grace_period_seconds', 'enable_ecs_managed_tags', 'availability_zone_rebalancing'],
      },
    ],
  },
  'logs-associate-kms-key': {
    gap: 'AssociateKmsKey is not implemented (HTTP 500), so a log group that exists without a key cannot be given one; creating a log group with a key works.',
    replacement:
      'Changes to kms_key_id of a log group are ignored on the emulator: created groups get their key, an adopted group keeps the encryption it has (the preflight checks on AWS that the key admits CloudWatch Logs).',
    readBack: [{ resourceType: 'aws_cloudwatch_log_group', attributes: ['kms_key_id'] }],
  },
  'sfn-unimplemented-calls': {
    gap: 'ValidateStateMachineDefinition and ListStateMachineVersions are not implemented (HTTP 500); the provider calls the first whenever it creates or changes a state machine definition and the second on every read of a state machine.',
    replacement:
      'The state machine is created as on AWS; the harness sends Step Functions requests through a front (scripts/lib/step-functions-front.ts, AWS_ENDPOINT_URL_SFN) that answers those two calls itself — a definition must parse and start at one of its states; an unpublished machine has no versions — and forwards every other call to the emulator.',
    settings: { endpoint: { stepFunctionsFront: true } },
  },
};
