import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsSecretsmanagerRandomPassword } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-random-password';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { ElasticacheParameterGroup } from '@cdktf/provider-aws/lib/elasticache-parameter-group';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { ElasticacheUser } from '@cdktf/provider-aws/lib/elasticache-user';
import { ElasticacheUserGroup } from '@cdktf/provider-aws/lib/elasticache-user-group';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import type { ContainerSecret } from '../service/fargate-service';

/**
 * What the application stack needs from the data tier. It has the same shape whether the data
 * tier is created by {@link DataServices} or referenced from the environment file.
 */
export interface DataServiceEndpoints {
  /** Customer-managed key for secrets, the sessions table and (when created) logs. */
  readonly kmsKeyArn: string;
  readonly sessionsTableName: string;
  readonly sessionsTableArn: string;
  /** Plain environment variables: REDIS_HOST, REDIS_PORT and, when known, DB_HOST/DB_PORT/DB_NAME. */
  readonly environment: Readonly<Record<string, string>>;
  /** DB_PASSWORD and API_KEY, injected from Secrets Manager. */
  readonly containerSecrets: readonly ContainerSecret[];
  /** ARNs the execution role reads at task start. */
  readonly injectedSecretArns: readonly string[];
  /** ARN patterns the task role reads at runtime. */
  readonly runtimeSecretArnPatterns: readonly string[];
  /** Resources the task role may `elasticache:Connect` to (IAM-authenticated Redis). */
  readonly redisConnectArns: readonly string[];
}

/** The seed's existing data tier, referenced by ID and ARN. Nothing is created. */
export interface ReferencedDataServicesProps {
  readonly region: string;
  readonly account: string;
  readonly kmsKeyId: string;
  readonly sessionsTableName: string;
  readonly redisEndpoint: string;
  readonly redisPort: number;
  readonly databaseSecretArn: string;
  readonly databaseSecretPasswordKey: string;
  readonly apiKeySecretArn: string;
  readonly applicationSecretsPrefix: string;
}

/** Builds the endpoints of a data tier that already exists, from its IDs. No resources. */
export function referencedDataServices(props: ReferencedDataServicesProps): DataServiceEndpoints {
  const { region, account } = props;
  return {
    kmsKeyArn: `arn:aws:kms:${region}:${account}:key/${props.kmsKeyId}`,
    sessionsTableName: props.sessionsTableName,
    sessionsTableArn: `arn:aws:dynamodb:${region}:${account}:table/${props.sessionsTableName}`,
    environment: { REDIS_HOST: props.redisEndpoint, REDIS_PORT: String(props.redisPort) },
    containerSecrets: [
      { name: 'DB_PASSWORD', valueFrom: `${props.databaseSecretArn}:${props.databaseSecretPasswordKey}::` },
      { name: 'API_KEY', valueFrom: props.apiKeySecretArn },
    ],
    injectedSecretArns: [props.databaseSecretArn, props.apiKeySecretArn],
    runtimeSecretArnPatterns: [`arn:aws:secretsmanager:${region}:${account}:secret:${props.applicationSecretsPrefix}*`],
    redisConnectArns: [],
  };
}

export interface DataServicesProps {
  readonly region: string;
  readonly account: string;
  /** Prefix of every name (key alias, identifiers, groups). */
  readonly namePrefix: string;
  readonly sessionsTableName: string;
  /** Name prefix of the secrets created here, ending in `/`. */
  readonly secretsPrefix: string;
  /** Private subnets for Redis and the database (two AZs at least). */
  readonly subnetIds: readonly string[];
  /** Required when `createRedis` is true. */
  readonly redisSecurityGroupId?: string;
  readonly databaseSecurityGroupId: string;
  /**
   * Protect the table and the database from deletion; also keeps a final DB snapshot.
   * @default true
   */
  readonly deletionProtection?: boolean;
  readonly redis: {
    readonly nodeType: string;
    readonly engineVersion: string;
    /** Replicas besides the primary; ≥ 1 for automatic failover. */
    readonly replicas: number;
    readonly snapshotRetentionDays: number;
    readonly snapshotWindow: string;
    readonly maintenanceWindow: string;
  };
  readonly database: {
    readonly instanceClass: string;
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
  };
  /**
   * Create the Redis replication group. Only the local emulator turns this off (it cannot
   * read replication groups back); REDIS_HOST then points at `redisEndpointOverride`.
   * @default true
   */
  readonly createRedis?: boolean;
  /** REDIS_HOST when `createRedis` is false. @default 'redis.invalid' */
  readonly redisEndpointOverride?: string;
  /**
   * Performance Insights on the database, encrypted with the data tier's key. Only the local
   * emulator turns this off (it does not store the setting).
   * @default true
   */
  readonly performanceInsights?: boolean;
}

/** Name of the TTL attribute of the sessions table (epoch seconds). */
export const SESSION_TTL_ATTRIBUTE = 'expires_at';
/** Partition key of the sessions table. */
export const SESSION_KEY_ATTRIBUTE = 'session_id';
/** Redis user the application authenticates as with IAM (user ID and name must match). */
export const REDIS_APP_USER = 'fintech-api';

/**
 * A complete data tier for a greenfield environment: a customer-managed KMS key, the database
 * and API-key secrets, the DynamoDB sessions table, Redis (TLS, IAM-authenticated) and PostgreSQL
 * (SSL enforced). No secret value is written in code or in the synthesized configuration: the
 * database password is managed by RDS, the API key is generated by Secrets Manager at apply time.
 */
export class DataServices extends Construct {
  public readonly endpoints: DataServiceEndpoints;
  public readonly key: KmsKey;
  public readonly keyAlias: KmsAlias;
  public readonly apiKeySecret: SecretsmanagerSecret;
  public readonly sessionsTable: DynamodbTable;
  public readonly database: DbInstance;
  public readonly databaseParameterGroup: DbParameterGroup;
  public readonly redis?: ElasticacheReplicationGroup;

  public constructor(scope: Construct, id: string, props: DataServicesProps) {
    super(scope, id);
    const { region, account, namePrefix: prefix } = props;
    const deletionProtection = props.deletionProtection ?? true;
    if (props.redis.replicas < 1) {
      throw new Error(`DataServices ${id}: redis.replicas must be ≥ 1 for automatic failover and Multi-AZ (got ${props.redis.replicas}).`);
    }
    if (props.subnetIds.length < 2) {
      throw new Error(`DataServices ${id}: subnetIds must span at least two AZs (got ${props.subnetIds.length}).`);
    }

    // --- KMS: one customer-managed key for the data tier and the service's logs -------------
    const keyPolicy = new DataAwsIamPolicyDocument(this, 'key-policy', {
      statement: [
        {
          sid: 'AccountAdministersKeyThroughIam',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${account}:root`] }],
          actions: ['kms:*'],
          resources: ['*'], // in a key policy "*" means this key
        },
        {
          sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: [`logs.${region}.amazonaws.com`] }],
          actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          resources: ['*'],
          condition: [
            {
              test: 'ArnLike',
              variable: 'kms:EncryptionContext:aws:logs:arn',
              values: [`arn:aws:logs:${region}:${account}:log-group:*`],
            },
          ],
        },
        {
          sid: 'DataServicesUseThisKeyOnBehalfOfTheAccount',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: ['*'] }],
          actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
          resources: ['*'],
          condition: [
            { test: 'StringEquals', variable: 'kms:CallerAccount', values: [account] },
            {
              test: 'StringEquals',
              variable: 'kms:ViaService',
              values: ['secretsmanager', 'dynamodb', 'rds', 'elasticache'].map((s) => `${s}.${region}.amazonaws.com`),
            },
          ],
        },
      ],
    });
    this.key = new KmsKey(this, 'key', {
      description: `${prefix} data tier, secrets and logs`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: keyPolicy.json,
    });
    this.keyAlias = new KmsAlias(this, 'key-alias', { name: `alias/${prefix}`, targetKeyId: this.key.keyId });

    // --- Secrets ----------------------------------------------------------------------------
    this.apiKeySecret = new SecretsmanagerSecret(this, 'api-key-secret', {
      name: `${props.secretsPrefix}api-key`,
      description: 'API key of the fintech API (rotate with put-secret-value)',
      kmsKeyId: this.key.arn,
      recoveryWindowInDays: deletionProtection ? 30 : 0,
    });
    // The initial value is generated by Secrets Manager during apply; it lives only in the
    // secret (and the encrypted state), never in code or synthesized JSON. Later rotations
    // (put-secret-value) are not reverted: Terraform ignores changes to the value.
    const initialApiKey = new DataAwsSecretsmanagerRandomPassword(this, 'api-key-initial-value', {
      passwordLength: 48,
      excludePunctuation: true,
    });
    new SecretsmanagerSecretVersion(this, 'api-key-initial-version', {
      secretId: this.apiKeySecret.id,
      secretString: initialApiKey.randomPassword,
      lifecycle: { ignoreChanges: ['secret_string'] },
    });

    // --- DynamoDB sessions table -------------------------------------------------------------
    this.sessionsTable = new DynamodbTable(this, 'sessions-table', {
      name: props.sessionsTableName,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: SESSION_KEY_ATTRIBUTE,
      attribute: [{ name: SESSION_KEY_ATTRIBUTE, type: 'S' }],
      ttl: { enabled: true, attributeName: SESSION_TTL_ATTRIBUTE },
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: this.key.arn },
      deletionProtectionEnabled: deletionProtection,
    });

    // --- PostgreSQL ------------------------------------------------------------------------
    const db = props.database;
    const family = `postgres${db.engineVersion.split('.')[0]}`;
    const dbSubnets = new DbSubnetGroup(this, 'db-subnets', {
      name: `${prefix}-db`,
      description: `${prefix} PostgreSQL, private subnets`,
      subnetIds: [...props.subnetIds],
    });
    this.databaseParameterGroup = new DbParameterGroup(this, 'db-parameters', {
      name: `${prefix}-${family}`,
      family,
      description: `${prefix}: TLS required, slow statements logged`,
      parameter: [
        { name: 'rds.force_ssl', value: '1', applyMethod: 'pending-reboot' },
        { name: 'log_min_duration_statement', value: '1000' },
      ],
    });
    this.database = new DbInstance(this, 'db', {
      identifier: `${prefix}-db`,
      engine: 'postgres',
      engineVersion: db.engineVersion,
      instanceClass: db.instanceClass,
      dbName: db.databaseName,
      username: db.masterUsername,
      manageMasterUserPassword: true, // RDS generates and rotates it in Secrets Manager
      masterUserSecretKmsKeyId: this.key.arn,
      allocatedStorage: db.allocatedStorageGb,
      maxAllocatedStorage: db.maxAllocatedStorageGb,
      storageType: 'gp3',
      storageEncrypted: true,
      kmsKeyId: this.key.arn,
      multiAz: db.multiAz,
      dbSubnetGroupName: dbSubnets.name,
      vpcSecurityGroupIds: [props.databaseSecurityGroupId],
      publiclyAccessible: false,
      parameterGroupName: this.databaseParameterGroup.name,
      iamDatabaseAuthenticationEnabled: true,
      enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
      ...((props.performanceInsights ?? true)
        ? {
            performanceInsightsEnabled: true,
            performanceInsightsKmsKeyId: this.key.arn,
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
    const databaseSecretArn = Fn.lookup(Fn.element(this.database.masterUserSecret, 0), 'secret_arn');

    // --- Redis -------------------------------------------------------------------------------
    const redisConnectArns: string[] = [];
    let redisHost = props.redisEndpointOverride ?? 'redis.invalid';
    if (props.createRedis ?? true) {
      if (!props.redisSecurityGroupId) {
        throw new Error(`DataServices ${id}: redisSecurityGroupId is required when createRedis is true.`);
      }
      const redis = props.redis;
      const subnetGroup = new ElasticacheSubnetGroup(this, 'redis-subnets', {
        name: `${prefix}-redis`,
        description: `${prefix} Redis, private subnets`,
        subnetIds: [...props.subnetIds],
      });
      const parameterGroup = new ElasticacheParameterGroup(this, 'redis-parameters', {
        name: `${prefix}-redis${redis.engineVersion.split('.')[0]}`,
        family: `redis${redis.engineVersion.split('.')[0]}`,
        description: `${prefix} Redis`,
        parameter: [{ name: 'maxmemory-policy', value: 'volatile-lru' }],
      });
      // RBAC: the mandatory "default" user is switched off; the application authenticates as
      // its own user with IAM (no password exists to leak).
      const defaultUser = new ElasticacheUser(this, 'redis-default-user', {
        userId: `${prefix}-default-off`,
        userName: 'default',
        engine: 'REDIS',
        accessString: 'off -@all',
        authenticationMode: { type: 'no-password-required' },
      });
      const appUser = new ElasticacheUser(this, 'redis-app-user', {
        userId: `${prefix}-${REDIS_APP_USER}`,
        userName: `${prefix}-${REDIS_APP_USER}`,
        engine: 'REDIS',
        accessString: 'on ~* +@all -@dangerous',
        authenticationMode: { type: 'iam' },
      });
      const userGroup = new ElasticacheUserGroup(this, 'redis-users', {
        userGroupId: `${prefix}-redis-users`,
        engine: 'REDIS',
        userIds: [defaultUser.userId, appUser.userId],
      });
      this.redis = new ElasticacheReplicationGroup(this, 'redis', {
        replicationGroupId: `${prefix}-redis`,
        description: `${prefix} sessions cache`,
        engine: 'redis',
        engineVersion: redis.engineVersion,
        nodeType: redis.nodeType,
        numCacheClusters: 1 + redis.replicas,
        automaticFailoverEnabled: true,
        multiAzEnabled: true,
        port: 6379,
        subnetGroupName: subnetGroup.name,
        securityGroupIds: [props.redisSecurityGroupId],
        parameterGroupName: parameterGroup.name,
        atRestEncryptionEnabled: 'true',
        kmsKeyId: this.key.arn,
        transitEncryptionEnabled: true,
        transitEncryptionMode: 'required',
        userGroupIds: [userGroup.userGroupId],
        snapshotRetentionLimit: redis.snapshotRetentionDays,
        snapshotWindow: redis.snapshotWindow,
        maintenanceWindow: redis.maintenanceWindow,
        autoMinorVersionUpgrade: 'true',
        applyImmediately: !deletionProtection,
      });
      redisHost = this.redis.primaryEndpointAddress;
      redisConnectArns.push(this.redis.arn, appUser.arn);
    }

    this.endpoints = {
      kmsKeyArn: this.key.arn,
      sessionsTableName: this.sessionsTable.name,
      sessionsTableArn: this.sessionsTable.arn,
      environment: {
        REDIS_HOST: redisHost,
        REDIS_PORT: '6379',
        DB_HOST: this.database.address,
        DB_PORT: Fn.tostring(this.database.port),
        DB_NAME: db.databaseName,
      },
      containerSecrets: [
        { name: 'DB_PASSWORD', valueFrom: `${databaseSecretArn}:password::` },
        { name: 'API_KEY', valueFrom: this.apiKeySecret.arn },
      ],
      injectedSecretArns: [databaseSecretArn, this.apiKeySecret.arn],
      runtimeSecretArnPatterns: [
        `arn:aws:secretsmanager:${region}:${account}:secret:${props.secretsPrefix}*`,
        databaseSecretArn, // RDS names its managed secret rds!db-…, outside the prefix
      ],
      redisConnectArns,
    };
  }
}
