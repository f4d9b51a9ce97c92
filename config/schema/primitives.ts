/**
 * The value types of environment files: AWS IDs, ARNs, names and periods, each with the format
 * AWS accepts and a message that says it.
 */
import { z } from 'zod';
import { LOG_RETENTION_DAYS } from '../../constructs/shared/limits';

export const AWS_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'ap-south-1',
  'ap-south-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-east-1',
  'sa-east-1',
  'me-south-1',
  'me-central-1',
  'af-south-1',
  'il-central-1',
] as const;

const hex = (n: string) => `[0-9a-f]{${n}}`;
const awsIdPattern = (prefix: string) => new RegExp(`^${prefix}-(${hex('8')}|${hex('17')})$`);

export const awsAccountId = z
  .string()
  .regex(/^\d{12}$/, 'must be a 12-digit AWS account ID')
  .describe('AWS account ID (12 digits).');
export const awsRegion = z.enum(AWS_REGIONS).describe('AWS region name.');
export const vpcId = z.string().regex(awsIdPattern('vpc'), 'must be a VPC ID: vpc- followed by 8 or 17 hex digits');
export const subnetId = z.string().regex(awsIdPattern('subnet'), 'must be a subnet ID: subnet- followed by 8 or 17 hex digits');
export const securityGroupId = z.string().regex(awsIdPattern('sg'), 'must be a security group ID: sg- followed by 8 or 17 hex digits');
export const secretArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:secretsmanager:[a-z]{2}(-[a-z]+)+-\d:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/,
    'must be a Secrets Manager secret ARN: arn:aws:secretsmanager:<region>:<account>:secret:<name> (no JSON key suffix; use jsonKey for that)',
  );
export const kmsKeyId = z
  .string()
  .regex(
    /^(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/,
    'must be a KMS key ID: a UUID (1234abcd-12ab-34cd-56ef-1234567890ab) or a multi-Region key ID (mrk-…)',
  );
export const acmCertificateArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:acm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:certificate\/[0-9a-f-]{36}$/,
    'must be an ACM certificate ARN: arn:aws:acm:<region>:<account>:certificate/<uuid>',
  );
export const port = z.number().int().min(1).max(65535).describe('TCP port, 1–65535.');
/** Names that AWS allows for ECS clusters, services, task families and target groups. */
export const resourceName = (maxLength: number, what: string) =>
  z
    .string()
    .min(1)
    .max(maxLength)
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, `${what} may contain only letters, digits and hyphens, starting with a letter or digit`);
export const ecrRepositoryName = z
  .string()
  .min(2)
  .max(256)
  .regex(
    /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/,
    'an ECR repository name is lowercase letters, digits and . _ - / separators',
  );
export const logGroupName = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[.\-_/#A-Za-z0-9]+$/, 'a log group name may contain letters, digits and . - _ / #');
export const logRetentionDays = z
  .number()
  .int()
  .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
    message: `must be one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(', ')}`,
  });
export const cidrBlock = z
  .string()
  .regex(
    /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(1[6-9]|2[0-8])$/,
    'must be an IPv4 CIDR block with a prefix between /16 and /28 (AWS VPC limits), e.g. 10.40.0.0/16',
  );
export const envVarName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'environment variable names are UPPER_SNAKE_CASE');
export const timeWindow = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'a UTC window hh:mm-hh:mm, e.g. 03:00-04:00');
export const maintenanceWindow = z
  .string()
  .regex(
    /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/,
    'a weekly UTC window ddd:hh:mm-ddd:hh:mm, e.g. sun:05:00-sun:06:00',
  );
export const tagMap = z.record(z.string().min(1).max(128), z.string().max(256));

/** A DNS name such as `origin.internal.example.com`. */
export const dnsName = z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'a DNS name such as origin.internal.example.com');
