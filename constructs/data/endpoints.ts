/**
 * What the service needs from its data tier, in one shape whether the tier is created here
 * ({@link DataServices}) or referenced from the environment file ({@link referencedDataServices}):
 * endpoints, the secrets to inject, and the grants its roles need.
 */
import type { ContainerSecret } from '../service/fargate-service';
import { DEFAULT_TASK_KMS_VIA_SERVICES } from '../shared/limits';
import { kmsViaServices, type PolicyStatement, type RoleGrants } from '../shared/policy';
import { sessionsTableGrant } from './sessions-table';

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
  /** What the execution role (secrets injection) and the task role (runtime) need from this tier. */
  readonly grants: RoleGrants;
}

/**
 * The IAM resource patterns that match a secret given by ARN. Secrets Manager appends a random
 * 6-character suffix to every secret ARN; an ARN from the environment file may be the complete
 * one or name-only (as the seed's are), and the two cannot be told apart by their text (a name
 * may itself end in "-abc123"). Both are granted: the ARN exactly, and the ARN followed by one
 * suffix — nothing wider. A Terraform reference is already the complete ARN.
 */
export function secretArnPatterns(arn: string): string[] {
  return arn.includes('${') ? [arn] : [arn, `${arn}-??????`];
}

/** The parts of a data tier its grants are computed from. */
export type DataTierAccess = Pick<
  DataServiceEndpoints,
  'kmsKeyArn' | 'sessionsTableArn' | 'injectedSecretArns' | 'runtimeSecretArnPatterns' | 'redisConnectArns'
> & {
  readonly region: string;
  /**
   * Services through which the task role may decrypt with the key (`kms:ViaService`); `kms` lets
   * the application call kms:Decrypt itself, which no condition can narrow.
   * @default DEFAULT_TASK_KMS_VIA_SERVICES (secretsmanager, dynamodb)
   */
  readonly taskKmsViaServices?: readonly string[];
};

/**
 * The grants of a data tier:
 * - execution role: read exactly the injected secrets, and decrypt them through Secrets Manager;
 * - task role: read the runtime secrets, item CRUD on the sessions table, decrypt with the key
 *   through the services that use it on the application's behalf (`kms:ViaService`) — directly
 *   only when `taskKmsViaServices` lists `kms` — and connect to an IAM-authenticated Redis when
 *   there is one.
 */
export function dataTierGrants(access: DataTierAccess): RoleGrants {
  const task: PolicyStatement[] = [];
  if (access.runtimeSecretArnPatterns.length > 0) {
    task.push({
      sid: 'ReadApplicationSecrets',
      effect: 'Allow',
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resources: [...access.runtimeSecretArnPatterns],
    });
  }
  task.push(sessionsTableGrant([access.sessionsTableArn]));
  const via = access.taskKmsViaServices ?? DEFAULT_TASK_KMS_VIA_SERVICES;
  const services = via.filter((s) => s !== 'kms');
  if (services.length > 0) {
    task.push({
      sid: 'DecryptWithServiceKey',
      effect: 'Allow',
      actions: ['kms:Decrypt', 'kms:DescribeKey'],
      resources: [access.kmsKeyArn],
      condition: [kmsViaServices(access.region, services)],
    });
  }
  if (via.includes('kms')) {
    task.push({
      sid: 'DecryptWithServiceKeyDirectly',
      effect: 'Allow',
      actions: ['kms:Decrypt'],
      resources: [access.kmsKeyArn],
    });
  }
  if (access.redisConnectArns.length > 0) {
    task.push({
      sid: 'ConnectToRedisWithIam',
      effect: 'Allow',
      actions: ['elasticache:Connect'],
      resources: [...access.redisConnectArns],
    });
  }
  return {
    executionRole: [
      {
        sid: 'ReadInjectedSecrets',
        effect: 'Allow',
        actions: ['secretsmanager:GetSecretValue'],
        resources: access.injectedSecretArns.flatMap(secretArnPatterns),
      },
      {
        sid: 'DecryptInjectedSecrets',
        effect: 'Allow',
        actions: ['kms:Decrypt'],
        resources: [access.kmsKeyArn],
        condition: [kmsViaServices(access.region, ['secretsmanager'])],
      },
    ],
    taskRole: task,
  };
}
