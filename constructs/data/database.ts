import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';

/** PostgreSQL's port. */
export const POSTGRES_PORT = 5432;

/** The PostgreSQL logs the instance exports to CloudWatch Logs. */
export const POSTGRES_LOG_EXPORTS = ['postgresql', 'upgrade'] as const;

/** The log group RDS writes an exported log to: its own naming convention. */
export function rdsLogGroupName(instanceIdentifier: string, logType: string): string {
  return `/aws/rds/instance/${instanceIdentifier}/${logType}`;
}

/** Settings of the PostgreSQL instance (the environment file's `dataServices.database`). */
export interface DatabaseSettings {
  readonly instanceClass: string;
  /**
   * PostgreSQL major version, e.g. "16". Minor versions are upgraded by RDS (auto minor version
   * upgrade); the running one is `engine_version_actual`.
   */
  readonly engineVersion: string;
  readonly databaseName: string;
  readonly masterUsername: string;
  readonly allocatedStorageGb: number;
  readonly maxAllocatedStorageGb: number;
  readonly multiAz: boolean;
  readonly backupRetentionDays: number;
  readonly backupWindow: string;
  readonly maintenanceWindow: string;
  readonly performanceInsightsRetentionDays: number;
}

export interface DatabaseOptions {
  readonly namePrefix: string;
  readonly settings: DatabaseSettings;
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
  readonly kmsKeyArn: string;
  /** Deletion protection and a final snapshot (and changes applied in the maintenance window). */
  readonly deletionProtection: boolean;
  /** Performance Insights, encrypted with the key. */
  readonly performanceInsights: boolean;
  /** Days the exported PostgreSQL logs are kept. @default 90 */
  readonly logRetentionDays?: number;
}

/** The resources {@link addDatabase} adds, and the secret RDS manages for the master password. */
export interface Database {
  readonly instance: DbInstance;
  readonly parameterGroup: DbParameterGroup;
  /** The log groups of the exported logs, by log type, created before the instance. */
  readonly logGroups: Readonly<Record<(typeof POSTGRES_LOG_EXPORTS)[number], CloudwatchLogGroup>>;
  /** ARN of the RDS-managed master-user secret (JSON with `username` and `password`). */
  readonly masterSecretArn: string;
}

/**
 * RDS PostgreSQL: private, encrypted with the data tier's key, SSL enforced by the parameter
 * group, IAM authentication on, logs exported, the master password generated and rotated by RDS
 * in Secrets Manager. RDS would create the export log groups itself on first write, unencrypted and
 * kept forever; they are created here first, with the key and a retention, and the instance waits
 * for them. Created in `scope` with the IDs `db-subnets`, `db-parameters`, `db-log-<type>` and `db`
 * (a contract).
 */
export function addDatabase(scope: Construct, options: DatabaseOptions): Database {
  const { namePrefix: prefix, settings: db, deletionProtection } = options;
  if (!/^\d+$/.test(db.engineVersion)) {
    throw new Error(
      `addDatabase: engineVersion "${db.engineVersion}" pins a minor version; give the major only (e.g. "${db.engineVersion.split('.')[0]}"): RDS upgrades minor versions itself, and a pinned one makes every later plan try to downgrade.`,
    );
  }
  const family = `postgres${db.engineVersion}`;
  const subnets = new DbSubnetGroup(scope, 'db-subnets', {
    name: `${prefix}-db`,
    description: `${prefix} PostgreSQL, private subnets`,
    subnetIds: [...options.subnetIds],
  });
  const parameterGroup = new DbParameterGroup(scope, 'db-parameters', {
    name: `${prefix}-${family}`,
    family,
    description: `${prefix}: TLS required, slow statements logged`,
    parameter: [
      { name: 'rds.force_ssl', value: '1', applyMethod: 'pending-reboot' },
      { name: 'log_min_duration_statement', value: '1000' },
    ],
  });
  const identifier = `${prefix}-db`;
  const logGroups = Object.fromEntries(
    POSTGRES_LOG_EXPORTS.map((type) => [
      type,
      new CloudwatchLogGroup(scope, `db-log-${type}`, {
        name: rdsLogGroupName(identifier, type),
        retentionInDays: options.logRetentionDays ?? 90,
        kmsKeyId: options.kmsKeyArn,
      }),
    ]),
  ) as Database['logGroups'];
  const instance = new DbInstance(scope, 'db', {
    identifier,
    engine: 'postgres',
    engineVersion: db.engineVersion,
    instanceClass: db.instanceClass,
    dbName: db.databaseName,
    username: db.masterUsername,
    manageMasterUserPassword: true, // RDS generates and rotates it in Secrets Manager
    masterUserSecretKmsKeyId: options.kmsKeyArn,
    allocatedStorage: db.allocatedStorageGb,
    maxAllocatedStorage: db.maxAllocatedStorageGb,
    storageType: 'gp3',
    storageEncrypted: true,
    kmsKeyId: options.kmsKeyArn,
    multiAz: db.multiAz,
    dbSubnetGroupName: subnets.name,
    vpcSecurityGroupIds: [options.securityGroupId],
    publiclyAccessible: false,
    parameterGroupName: parameterGroup.name,
    iamDatabaseAuthenticationEnabled: true,
    enabledCloudwatchLogsExports: [...POSTGRES_LOG_EXPORTS],
    ...(options.performanceInsights
      ? {
          performanceInsightsEnabled: true,
          performanceInsightsKmsKeyId: options.kmsKeyArn,
          performanceInsightsRetentionPeriod: db.performanceInsightsRetentionDays,
        }
      : { performanceInsightsEnabled: false }),
    backupRetentionPeriod: db.backupRetentionDays,
    backupWindow: db.backupWindow,
    maintenanceWindow: db.maintenanceWindow,
    copyTagsToSnapshot: true,
    autoMinorVersionUpgrade: true,
    deletionProtection,
    skipFinalSnapshot: !deletionProtection,
    finalSnapshotIdentifier: deletionProtection ? `${prefix}-db-final` : undefined,
    applyImmediately: !deletionProtection,
    // RDS must find the groups in place, or it creates them itself (unencrypted, kept forever).
    dependsOn: Object.values(logGroups),
  });
  return { instance, parameterGroup, logGroups, masterSecretArn: Fn.lookup(Fn.element(instance.masterUserSecret, 0), 'secret_arn') };
}
