/** ARNs of the architecture's production account, as the IAM tests use them. */
export const ACCOUNT = '296674251987';
export const REGION = 'us-east-1';
export const REPOSITORY_ARN = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/fintech-api`;
export const LOG_GROUP_ARN = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/fintech-api`;
export const KMS_KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/d9c8447f-91df-4df9-a012-6a5b6eab3cd0`;
export const TABLE_ARN = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/fintech-sessions`;
/** Name-only, as the architecture gives it. */
export const DB_SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:fintech/db-credentials`;
/** Complete, with the 6-character suffix Secrets Manager appends. */
export const API_KEY_SECRET_WITH_SUFFIX = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:fintech/api-keys-Ab12Cd`;
export const RUNTIME_PATTERN = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:fintech/*`;
