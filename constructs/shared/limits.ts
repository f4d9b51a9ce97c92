/**
 * AWS limits and domain rules, declared once. The environment schema (config/schema/) validates
 * input against them; constructs check their own props against the same values, so a construct
 * used without the schema refuses what AWS would refuse, with the same bounds.
 */

/** An inclusive range. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/**
 * Fargate's valid task sizes: CPU units → allowed memory (MiB).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
 */
export const FARGATE_TASK_SIZES: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: steps(1024, 4096, 1024),
  1024: steps(2048, 8192, 1024),
  2048: steps(4096, 16384, 1024),
  4096: steps(8192, 30720, 1024),
  8192: steps(16384, 61440, 4096),
  16384: steps(32768, 122880, 8192),
};

function steps(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Longest name of an Application Load Balancer and of a target group. */
export const LOAD_BALANCER_NAME_MAX_LENGTH = 32;

/** Target-group health-check bounds (ELBv2 API). The timeout must also be less than the interval. */
export const HEALTH_CHECK_LIMITS = {
  intervalSeconds: { min: 5, max: 300 },
  timeoutSeconds: { min: 2, max: 120 },
  threshold: { min: 2, max: 10 },
  pathMaxLength: 1024,
} as const;

/** Why a health check's timing is invalid, or undefined when it is valid. */
export function healthCheckTimingProblem(hc: { readonly timeoutSeconds: number; readonly intervalSeconds: number }): string | undefined {
  return hc.timeoutSeconds < hc.intervalSeconds ? undefined : 'timeoutSeconds must be less than intervalSeconds';
}

/**
 * ECS refuses a task definition larger than 64 KiB. The plain environment variables of the
 * container (names and values) may take at most half of it; the rest is the container definition,
 * its secrets and volumes.
 */
export const TASK_ENVIRONMENT_MAX_BYTES = 32 * 1024;

/** Highest `fargateSpotWeight`: at most ~10 of every 11 tasks beyond the first on Spot. */
export const MAX_FARGATE_SPOT_WEIGHT = 10;

/** WAF rate-based rule limit per 5-minute window. */
export const WAF_RATE_LIMIT: Range = { min: 10, max: 2_000_000_000 };

/**
 * Request headers WAF logs must never hold in clear: bearer tokens (`authorization`) and session
 * cookies (`cookie`). Lowercase, as WAF returns header names (any other case never stops diffing).
 */
export const WAF_REQUIRED_REDACTED_HEADERS = ['authorization', 'cookie'] as const;

/** Redacted fields one WAF logging configuration may list (`redacted_fields`, MaxItems 100). */
export const WAF_MAX_REDACTED_FIELDS = 100;

/** A header name as WAF logging redaction takes it: lowercase, 1–64 characters. */
export const WAF_HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]{1,64}$/;

/**
 * Rules of AWSManagedRulesCommonRuleSet that ordinary API traffic trips, counted (logged with
 * their label) instead of blocking by default: `SizeRestrictions_BODY` blocks every body over
 * 8 KB (fixed in the rule) and `NoUserAgent_HEADER` every request without a User-Agent, which
 * many API clients, SDKs and webhooks send. The rest of the rule set keeps blocking.
 */
export const WAF_DEFAULT_COUNTED_COMMON_RULES = ['SizeRestrictions_BODY', 'NoUserAgent_HEADER'] as const;

/** Redis replicas besides the primary: at least one for automatic failover and Multi-AZ. */
export const REDIS_REPLICAS: Range = { min: 1, max: 5 };

/** How long CloudFront may wait for the origin to answer (s). */
export const CLOUDFRONT_ORIGIN_READ_TIMEOUT_SECONDS: Range = { min: 1, max: 180 };

/** CloudFront uses ACM certificates from this region only. */
export const CLOUDFRONT_CERTIFICATE_REGION = 'us-east-1';

/** The region in an ARN (`arn:aws:acm:<region>:...`), or undefined when it has none. */
export function arnRegion(arn: string): string | undefined {
  return arn.split(':')[3] || undefined;
}

/** Custom domain names one distribution may list (here: a deliberate ceiling well below AWS's). */
export const CLOUDFRONT_MAX_ALIASES = 10;

/** Security groups on one ALB: AWS allows 5; one per listener port, so at most 4 ports (one spare). */
export const LOAD_BALANCER_PORTS: Range = { min: 1, max: 4 };

/** Highest percentage an alarm threshold can be; thresholds must also be above 0. */
export const ALARM_PERCENT_MAX = 100;

/**
 * Availability Zones (by AZ ID, which is the same in every account) in which CloudFront does not
 * offer VPC origins; an ALB behind a VPC origin must have no subnet there. From the CloudFront
 * Developer Guide, "Restrict access with VPC origins" (supported Regions and AZs).
 */
export const VPC_ORIGIN_UNSUPPORTED_AZ_IDS: Readonly<Record<string, readonly string[]>> = {
  'us-east-1': ['use1-az3'],
};

/** Default quota of inbound, and separately of outbound, rules per security group (quota L-0EA8095F). */
export const SECURITY_GROUP_RULES_PER_DIRECTION = 60;

/**
 * What one rule referencing `com.amazonaws.global.cloudfront.origin-facing` counts against that
 * quota: the list's maximum entries, not 1 (VPC User Guide, "AWS-managed prefix list weight").
 */
export const CLOUDFRONT_PREFIX_LIST_WEIGHT = 55;

/**
 * Services that may use a data tier's key on the application's behalf (`kms:ViaService`), and
 * `kms` for an application that calls KMS itself. What the task role decrypts through by default:
 * Secrets Manager (its secrets) and DynamoDB (its sessions table).
 */
export const KMS_VIA_SERVICES = ['secretsmanager', 'dynamodb', 's3', 'sqs', 'sns', 'ssm', 'rds', 'elasticache', 'kms'] as const;
export type KmsViaService = (typeof KMS_VIA_SERVICES)[number];
export const DEFAULT_TASK_KMS_VIA_SERVICES: readonly KmsViaService[] = ['secretsmanager', 'dynamodb'];
