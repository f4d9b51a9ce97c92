/**
 * IAM as data: the statement type every construct uses, and the grants a resource owns. A
 * resource that a role needs (a repository, a log group, a table, a secret) says which statements
 * the role needs for it; {@link ServiceRoles} only merges them, as AWS CDK's `grant*` methods do.
 */
import type {
  DataAwsIamPolicyDocumentStatement,
  DataAwsIamPolicyDocumentStatementCondition,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';

/** One IAM policy statement, in the shape of the `aws_iam_policy_document` data source. */
export type PolicyStatement = DataAwsIamPolicyDocumentStatement;

/** One IAM condition, in the same shape. */
export type PolicyCondition = DataAwsIamPolicyDocumentStatementCondition;

/** What a resource grants the two roles of an ECS service. */
export interface RoleGrants {
  /** For the task execution role: what ECS does to start a task (pull, log, inject secrets). @default none */
  readonly executionRole?: readonly PolicyStatement[];
  /** For the task role: what the application calls at runtime. @default none */
  readonly taskRole?: readonly PolicyStatement[];
}

/** The condition that lets a KMS key be used only through requests these services make in `region`. */
export function kmsViaServices(region: string, services: readonly string[]): PolicyCondition {
  return { test: 'StringEquals', variable: 'kms:ViaService', values: services.map((s) => `${s}.${region}.amazonaws.com`) };
}
