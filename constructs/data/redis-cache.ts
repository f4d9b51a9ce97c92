import { ElasticacheParameterGroup } from '@cdktf/provider-aws/lib/elasticache-parameter-group';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { ElasticacheUser } from '@cdktf/provider-aws/lib/elasticache-user';
import { ElasticacheUserGroup } from '@cdktf/provider-aws/lib/elasticache-user-group';
import type { Construct } from 'constructs';

/** Redis's port. */
export const REDIS_PORT = 6379;
/** Redis user the application authenticates as with IAM (user ID and name must match). */
export const REDIS_APP_USER = 'fintech-api';

/** Settings of the Redis replication group (the environment file's `dataServices.redis`). */
export interface RedisSettings {
  readonly nodeType: string;
  readonly engineVersion: string;
  /** Replicas besides the primary; ≥ 1 for automatic failover. */
  readonly replicas: number;
  readonly snapshotRetentionDays: number;
  readonly snapshotWindow: string;
  readonly maintenanceWindow: string;
}

export interface RedisCacheOptions {
  readonly namePrefix: string;
  readonly settings: RedisSettings;
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
  readonly kmsKeyArn: string;
  /** Apply changes at once instead of in the maintenance window. */
  readonly applyImmediately: boolean;
}

/** The replication group {@link addRedisCache} adds, and what the task role may connect to. */
export interface RedisCache {
  readonly replicationGroup: ElasticacheReplicationGroup;
  /** The replication group and the application user (`elasticache:Connect`). */
  readonly connectArns: readonly string[];
}

/**
 * ElastiCache Redis: TLS required, encrypted with the data tier's key, Multi-AZ with automatic
 * failover, snapshots; RBAC with the mandatory `default` user switched off and the application
 * authenticating as its own user with IAM (no password exists to leak). Created in `scope` with
 * the IDs `redis-subnets`, `redis-parameters`, `redis-default-user`, `redis-app-user`,
 * `redis-users` and `redis` (a contract).
 */
export function addRedisCache(scope: Construct, options: RedisCacheOptions): RedisCache {
  const { namePrefix: prefix, settings: redis } = options;
  const major = redis.engineVersion.split('.')[0];
  const subnetGroup = new ElasticacheSubnetGroup(scope, 'redis-subnets', {
    name: `${prefix}-redis`,
    description: `${prefix} Redis, private subnets`,
    subnetIds: [...options.subnetIds],
  });
  const parameterGroup = new ElasticacheParameterGroup(scope, 'redis-parameters', {
    name: `${prefix}-redis${major}`,
    family: `redis${major}`,
    description: `${prefix} Redis`,
    parameter: [{ name: 'maxmemory-policy', value: 'volatile-lru' }],
  });
  const defaultUser = new ElasticacheUser(scope, 'redis-default-user', {
    userId: `${prefix}-default-off`,
    userName: 'default',
    engine: 'REDIS',
    accessString: 'off -@all',
    authenticationMode: { type: 'no-password-required' },
  });
  const appUser = new ElasticacheUser(scope, 'redis-app-user', {
    userId: `${prefix}-${REDIS_APP_USER}`,
    userName: `${prefix}-${REDIS_APP_USER}`,
    engine: 'REDIS',
    accessString: 'on ~* +@all -@dangerous',
    authenticationMode: { type: 'iam' },
  });
  const userGroup = new ElasticacheUserGroup(scope, 'redis-users', {
    userGroupId: `${prefix}-redis-users`,
    engine: 'REDIS',
    userIds: [defaultUser.userId, appUser.userId],
  });
  const replicationGroup = new ElasticacheReplicationGroup(scope, 'redis', {
    replicationGroupId: `${prefix}-redis`,
    description: `${prefix} sessions cache`,
    engine: 'redis',
    engineVersion: redis.engineVersion,
    nodeType: redis.nodeType,
    numCacheClusters: 1 + redis.replicas,
    automaticFailoverEnabled: true,
    multiAzEnabled: true,
    port: REDIS_PORT,
    subnetGroupName: subnetGroup.name,
    securityGroupIds: [options.securityGroupId],
    parameterGroupName: parameterGroup.name,
    atRestEncryptionEnabled: 'true',
    kmsKeyId: options.kmsKeyArn,
    transitEncryptionEnabled: true,
    transitEncryptionMode: 'required',
    userGroupIds: [userGroup.userGroupId],
    snapshotRetentionLimit: redis.snapshotRetentionDays,
    snapshotWindow: redis.snapshotWindow,
    maintenanceWindow: redis.maintenanceWindow,
    autoMinorVersionUpgrade: 'true',
    applyImmediately: options.applyImmediately,
  });
  return { replicationGroup, connectArns: [replicationGroup.arn, appUser.arn] };
}
