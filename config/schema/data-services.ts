/** `dataServices`: Redis, PostgreSQL credentials, sessions table and KMS key, referenced or created here. */
import { z } from 'zod';
import { REDIS_REPLICAS } from '../../constructs/shared/limits';
import { kmsKeyId, maintenanceWindow, port, secretArn, timeWindow } from './primitives';

/** Node types offered for the Redis replication group (Graviton, current generation). */
export const REDIS_NODE_TYPES = [
  'cache.t4g.micro',
  'cache.t4g.small',
  'cache.t4g.medium',
  'cache.m7g.large',
  'cache.m7g.xlarge',
  'cache.r7g.large',
  'cache.r7g.xlarge',
] as const;
export const REDIS_ENGINE_VERSIONS = ['7.0', '7.1'] as const;
export const RDS_INSTANCE_CLASSES = [
  'db.t4g.micro',
  'db.t4g.small',
  'db.t4g.medium',
  'db.t4g.large',
  'db.m7g.large',
  'db.m7g.xlarge',
  'db.r7g.large',
  'db.r7g.xlarge',
] as const;
/**
 * PostgreSQL major versions. The minor version is RDS's to choose: with auto minor version upgrade
 * on, a pinned minor ("16.4") would make every plan after RDS upgrades the instance try to downgrade
 * it. The running version is the instance's engine_version_actual.
 */
export const POSTGRES_ENGINE_VERSIONS = ['15', '16', '17'] as const;

const existingDataServicesSchema = z.strictObject({
  mode: z.literal('existing').describe('Reference a data tier that already exists in the account.'),
  kmsKeyId: kmsKeyId.describe('Customer-managed KMS key that encrypts the secrets and the sessions table.'),
  sessionsTableName: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name is 3–255 of A-Z a-z 0-9 _ - .')
    .describe('DynamoDB table that stores sessions.'),
  redisEndpoint: z
    .string()
    .regex(/^[a-z0-9.-]+\.cache\.amazonaws\.com$/, 'must be an ElastiCache endpoint host name ending in .cache.amazonaws.com')
    .describe('Primary endpoint of the Redis replication group.'),
  redisPort: port.default(6379).describe('Redis port.'),
  databaseSecretArn: secretArn.describe('Secret holding the database credentials.'),
  databaseSecretPasswordKey: z.string().min(1).default('password').describe('JSON key of the password inside the database secret.'),
  apiKeySecretArn: secretArn.describe('Secret holding the API key.'),
  applicationSecretsPrefix: z
    .string()
    .regex(/^[A-Za-z0-9/_+=.@-]+\/$/, 'a secret name prefix ending in "/", e.g. "fintech/"')
    .describe('Name prefix of the secrets the application may read at runtime (the task role gets read access to <prefix>*).'),
});

const createdDataServicesSchema = z
  .strictObject({
    mode: z.literal('create').describe('Create the data tier in this stack: KMS key, secrets, sessions table, Redis, PostgreSQL.'),
    sessionsTableName: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name is 3–255 of A-Z a-z 0-9 _ - .')
      .describe('DynamoDB table that stores sessions.'),
    secretsPrefix: z
      .string()
      .regex(/^[A-Za-z0-9/_+=.@-]+\/$/, 'a secret name prefix ending in "/", e.g. "fintech-dev/"')
      .describe('Name prefix of the secrets this stack creates; the task role may read <prefix>*.'),
    deletionProtection: z.boolean().default(true).describe('Protect the sessions table and the database from deletion.'),
    redis: z
      .strictObject({
        nodeType: z.enum(REDIS_NODE_TYPES).default('cache.t4g.small').describe('ElastiCache node type.'),
        engineVersion: z.enum(REDIS_ENGINE_VERSIONS).default('7.1').describe('Redis engine version.'),
        replicas: z
          .number()
          .int()
          .min(REDIS_REPLICAS.min)
          .max(REDIS_REPLICAS.max)
          .default(1)
          .describe(`Replicas besides the primary (≥ ${REDIS_REPLICAS.min} for Multi-AZ failover).`),
        snapshotRetentionDays: z.number().int().min(1).max(35).default(7).describe('Days automatic snapshots are kept.'),
        snapshotWindow: timeWindow.default('03:00-04:00').describe('Daily snapshot window (UTC, hh:mm-hh:mm).'),
        maintenanceWindow: maintenanceWindow.default('sun:05:00-sun:06:00').describe('Weekly maintenance window (UTC).'),
      })
      .prefault({})
      .describe('ElastiCache Redis replication group.'),
    database: z
      .strictObject({
        instanceClass: z.enum(RDS_INSTANCE_CLASSES).default('db.t4g.medium').describe('RDS instance class.'),
        engineVersion: z
          .enum(POSTGRES_ENGINE_VERSIONS)
          .default('16')
          .describe(
            'PostgreSQL major version. RDS applies minor versions itself in the maintenance window (auto minor version upgrade), so no minor is given: a pinned one would make every later plan try to downgrade.',
          ),
        databaseName: z
          .string()
          .regex(/^[a-z][a-z0-9_]{0,62}$/, 'lowercase letters, digits and _, starting with a letter, ≤ 63 characters')
          .default('fintech')
          .describe('Name of the database created on the instance.'),
        masterUsername: z
          .string()
          .regex(/^[a-z][a-z0-9_]{0,15}$/, 'lowercase letters, digits and _, starting with a letter, ≤ 16 characters')
          .refine((u) => !['admin', 'postgres', 'rdsadmin'].includes(u), { message: 'is reserved by RDS or PostgreSQL' })
          .default('fintech_admin')
          .describe('Master user name (the password is generated and kept in Secrets Manager).'),
        allocatedStorageGb: z.number().int().min(20).max(65536).default(20).describe('Storage (GiB).'),
        maxAllocatedStorageGb: z.number().int().min(20).max(65536).default(100).describe('Storage autoscaling ceiling (GiB).'),
        multiAz: z.boolean().default(true).describe('Standby in a second AZ.'),
        backupRetentionDays: z.number().int().min(7).max(35).default(7).describe('Automated backup retention (7–35 days).'),
        backupWindow: timeWindow.default('02:00-03:00').describe('Daily backup window (UTC, hh:mm-hh:mm).'),
        maintenanceWindow: maintenanceWindow.default('sun:04:00-sun:05:00').describe('Weekly maintenance window (UTC).'),
        performanceInsightsRetentionDays: z
          .union([z.literal(7), z.literal(731)])
          .default(7)
          .describe('Performance Insights retention (7 = free tier, or 731).'),
      })
      .prefault({})
      .describe('RDS PostgreSQL instance.'),
  })
  .superRefine((data, ctx) => {
    if (data.database.maxAllocatedStorageGb < data.database.allocatedStorageGb) {
      ctx.addIssue({
        code: 'custom',
        path: ['database', 'maxAllocatedStorageGb'],
        input: data.database.maxAllocatedStorageGb,
        message: `must be at least allocatedStorageGb (${data.database.allocatedStorageGb})`,
      });
    }
  });

export const dataServicesSchema = z.discriminatedUnion('mode', [existingDataServicesSchema, createdDataServicesSchema]);
export const DATA_SERVICES_MODES = [existingDataServicesSchema.shape.mode.value, createdDataServicesSchema.shape.mode.value] as const;
