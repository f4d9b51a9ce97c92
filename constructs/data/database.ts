import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';

/** PostgreSQL's port. */
export const POSTGRES_PORT = 5432;

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
}

/** The resources {@link addDatabase} adds, and the secret RDS manages for the master password. */
export interface Database {
  readonly instance: DbInstance;
  readonly parameterGroup: DbParameterGroup;
  /** ARN of the RDS-managed master-user secret (JSON with `username` and `password`). */
  readonly masterSecretArn: string;
}

/**
 * RDS PostgreSQL: private, encrypted with the data tier's key, SSL enforced by the parameter
 * group, IAM authentication on, logs exported, the master password generated and rotated by RDS
 * in Secrets Manager. Created in `scope` with the IDs `db-subnets`, `db-parameters` and `db`
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
  const instance = new DbInstance(scope, 'db', {
    identifier: `${prefix}-db`,
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
    enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
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
  });
  return { instance, parameterGroup, masterSecretArn: Fn.lookup(Fn.element(instance.masterUserSecret, 0), 'secret_arn') };
}
