/**
 * IAM helpers shared by the identity-policy rules. Identity policies (what a principal may do) are
 * on `aws_iam_role_policy`, `aws_iam_policy`, `aws_iam_user_policy`, `aws_iam_group_policy` and the
 * `inline_policy` blocks of `aws_iam_role`. Resource policies (key policies, bucket policies, ...)
 * are not identity policies: in a key policy `Resource: "*"` means "this key", so the wildcard
 * rules report them as not applicable. Deny statements never violate these rules.
 */
import type { PolicyStatement, ResourceView, RuleResult, StackView } from '../rule';
import { fromProblems, nonCompliant, notApplicable } from '../rule';
import { blocks, show } from './values';

/** Types holding an identity policy. */
export const IDENTITY_POLICY_TYPES = [
  'aws_iam_role_policy',
  'aws_iam_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_iam_role',
] as const;

/** Types holding a resource policy (reported as not applicable by the identity-policy rules). */
export const RESOURCE_POLICY_TYPES = [
  'aws_kms_key',
  'aws_s3_bucket_policy',
  'aws_secretsmanager_secret_policy',
  'aws_ecr_repository_policy',
  'aws_sqs_queue_policy',
  'aws_sns_topic_policy',
] as const;

/** Every type the identity-policy wildcard rules inspect. */
export const POLICY_RULE_TYPES: readonly string[] = [...IDENTITY_POLICY_TYPES, ...RESOURCE_POLICY_TYPES];

/**
 * Actions that support no resource-level permission, so IAM requires `Resource: "*"` for them.
 * Each is listed in the Service Authorization Reference with no resource type. Keep the list short
 * and add an action only with that evidence.
 */
export const ACTIONS_WITHOUT_RESOURCE_SCOPING: readonly string[] = [
  'ecr:GetAuthorizationToken',
  'cloudwatch:PutMetricData',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
  'sts:GetCallerIdentity',
];

/** A policy attribute of a resource, with the label used in reasons. */
interface PolicySource {
  readonly label: string;
  readonly value: unknown;
}

/** The identity policies a resource carries (`inline_policy[i].policy` for a role). */
function identityPolicySources(resource: ResourceView): PolicySource[] {
  if (resource.type === 'aws_iam_role') {
    return blocks(resource.config.inline_policy).map((b, i) => ({ label: `inline_policy[${i}].policy`, value: b.policy }));
  }
  return [{ label: 'policy', value: resource.config.policy }];
}

/** `statement "Sid"` or `statement #2`, for reasons. */
export function statementLabel(statement: PolicyStatement, index: number): string {
  return statement.sid ? `statement ${show(statement.sid)}` : `statement #${index + 1}`;
}

/** IAM glob match (`*`, `?`), case-insensitive like IAM action names. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return regex.test(action);
}

/** True when an Allow statement grants `action` (through its actions, or through NotAction that does not exclude it). */
export function grantsAction(statement: PolicyStatement, action: string): boolean {
  if (statement.effect !== 'Allow') return false;
  if (statement.actions.some((p) => actionMatches(p, action))) return true;
  return statement.not_actions.length > 0 && !statement.not_actions.some((p) => actionMatches(p, action));
}

/** True when a statement applies to every resource (`Resource: "*"` or any `NotResource`). */
export function coversAllResources(statement: PolicyStatement): boolean {
  return statement.resources.includes('*') || statement.not_resources.length > 0;
}

/** `Resource "*"` or `NotResource [...]`, for reasons. */
export function describeResourceScope(statement: PolicyStatement): string {
  return statement.resources.includes('*') ? 'Resource "*"' : `NotResource ${show(statement.not_resources)} (every other resource)`;
}

/**
 * Runs `violation` on every Allow statement of every identity policy of `resource`.
 * Resource policies are not applicable; an unreadable policy is non-compliant (fail closed).
 */
export function checkIdentityStatements(
  resource: ResourceView,
  view: StackView,
  violation: (statement: PolicyStatement) => string | undefined,
): RuleResult {
  if ((RESOURCE_POLICY_TYPES as readonly string[]).includes(resource.type)) {
    return notApplicable(`${resource.type} holds a resource policy; the identity-policy wildcard rules do not apply to it`);
  }
  const sources = identityPolicySources(resource);
  if (sources.length === 0) return notApplicable('no inline identity policy');
  const problems: string[] = [];
  for (const source of sources) {
    const statements = view.policyDocument(source.value);
    if (statements === undefined) {
      return nonCompliant(
        `${source.label} ${show(source.value)} cannot be read as an IAM policy; build it with an aws_iam_policy_document data source or a literal JSON document so it can be checked`,
      );
    }
    statements.forEach((s, i) => {
      if (s.effect !== 'Allow') return;
      const problem = violation(s);
      if (problem !== undefined) problems.push(`${source.label} ${statementLabel(s, i)} ${problem}`);
    });
  }
  return fromProblems(problems);
}
