import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import type { Construct } from 'constructs';
import type { PolicyStatement } from '../shared/policy';

/** Name of the TTL attribute of the sessions table (epoch seconds). */
export const SESSION_TTL_ATTRIBUTE = 'expires_at';
/** Partition key of the sessions table. */
export const SESSION_KEY_ATTRIBUTE = 'session_id';

/** Actions that make up DynamoDB item CRUD, without table management or scans. */
export const DYNAMODB_CRUD_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
] as const;

/** Item CRUD on tables and their indexes: what the application needs of its sessions table. */
export function sessionsTableGrant(tableArns: readonly string[]): PolicyStatement {
  return {
    sid: 'SessionsTableCrud',
    effect: 'Allow',
    actions: [...DYNAMODB_CRUD_ACTIONS],
    resources: tableArns.flatMap((arn) => [arn, `${arn}/index/*`]),
  };
}

export interface SessionsTableOptions {
  readonly name: string;
  readonly kmsKeyArn: string;
  readonly deletionProtection: boolean;
}

/**
 * The DynamoDB sessions table: on-demand, point-in-time recovery, encrypted with the data tier's
 * key, sessions expiring by TTL. Created in `scope` with the ID `sessions-table` (a contract).
 */
export function addSessionsTable(scope: Construct, options: SessionsTableOptions): DynamodbTable {
  return new DynamodbTable(scope, 'sessions-table', {
    name: options.name,
    billingMode: 'PAY_PER_REQUEST',
    hashKey: SESSION_KEY_ATTRIBUTE,
    attribute: [{ name: SESSION_KEY_ATTRIBUTE, type: 'S' }],
    ttl: { enabled: true, attributeName: SESSION_TTL_ATTRIBUTE },
    pointInTimeRecovery: { enabled: true },
    serverSideEncryption: { enabled: true, kmsKeyArn: options.kmsKeyArn },
    deletionProtectionEnabled: options.deletionProtection,
  });
}
