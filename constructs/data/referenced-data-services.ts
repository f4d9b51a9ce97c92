import { dataTierGrants, type DataServiceEndpoints } from './endpoints';

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
  /** Services the task role decrypts through (`DataTierAccess.taskKmsViaServices`). @default secretsmanager, dynamodb */
  readonly taskKmsViaServices?: readonly string[];
}

/** Builds the endpoints of a data tier that already exists, from its IDs. No resources. */
export function referencedDataServices(props: ReferencedDataServicesProps): DataServiceEndpoints {
  const { region, account } = props;
  const kmsKeyArn = `arn:aws:kms:${region}:${account}:key/${props.kmsKeyId}`;
  const sessionsTableArn = `arn:aws:dynamodb:${region}:${account}:table/${props.sessionsTableName}`;
  const injectedSecretArns = [props.databaseSecretArn, props.apiKeySecretArn];
  const runtimeSecretArnPatterns = [`arn:aws:secretsmanager:${region}:${account}:secret:${props.applicationSecretsPrefix}*`];
  return {
    kmsKeyArn,
    sessionsTableName: props.sessionsTableName,
    sessionsTableArn,
    environment: { REDIS_HOST: props.redisEndpoint, REDIS_PORT: String(props.redisPort) },
    containerSecrets: [
      { name: 'DB_PASSWORD', valueFrom: `${props.databaseSecretArn}:${props.databaseSecretPasswordKey}::` },
      { name: 'API_KEY', valueFrom: props.apiKeySecretArn },
    ],
    injectedSecretArns,
    runtimeSecretArnPatterns,
    redisConnectArns: [],
    grants: dataTierGrants({
      region,
      kmsKeyArn,
      sessionsTableArn,
      injectedSecretArns,
      runtimeSecretArnPatterns,
      redisConnectArns: [],
      taskKmsViaServices: props.taskKmsViaServices,
    }),
  };
}
