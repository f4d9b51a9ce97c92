/**
 * FIN-IAM5 — ECS task and execution roles trust only `ecs-tasks.amazonaws.com`.
 *
 * For every `aws_iam_role` used as `task_role_arn` or `execution_role_arn` of an
 * `aws_ecs_task_definition`, each Allow statement of the trust policy (`assume_role_policy`) must
 * name only the `Service` principal `ecs-tasks.amazonaws.com` and only `sts:AssumeRole`, and at
 * least one must exist. A task definition whose role is not created in this stack cannot be
 * verified and fails too. Any other principal could assume the role and act as the service.
 *
 * Mirrors: checkov CKV_AWS_60; AWS ECS guide "Task IAM role" (trust relationship).
 */
import type { GuardrailRule, ResourceView, RuleResult, StackView } from '../rule';
import { fromProblems, nonCompliant, notApplicable } from '../rule';
import { statementLabel } from '../lib/iam';
import { nonEmpty, show } from '../lib/values';

/** The only principal an ECS task role may trust. */
export const ECS_TASKS_PRINCIPAL = 'ecs-tasks.amazonaws.com';

const ROLE_ATTRIBUTES = ['task_role_arn', 'execution_role_arn'] as const;

/** True when a task definition uses `role` as its task or execution role. */
function isEcsRole(stack: StackView, role: ResourceView): boolean {
  return stack
    .byType('aws_ecs_task_definition')
    .some((td) => ROLE_ATTRIBUTES.some((attribute) => stack.referencedAddress(td.config[attribute]) === role.address));
}

function checkTrust(role: ResourceView, stack: StackView): RuleResult {
  const statements = stack.policyDocument(role.config.assume_role_policy);
  if (statements === undefined) {
    return nonCompliant(
      `assume_role_policy ${show(role.config.assume_role_policy)} cannot be read as an IAM policy; build it with an aws_iam_policy_document data source or a literal JSON document`,
    );
  }
  const allows = statements.map((s, i) => ({ s, i })).filter(({ s }) => s.effect === 'Allow');
  if (allows.length === 0)
    return nonCompliant(`assume_role_policy allows nobody; allow sts:AssumeRole to the Service principal ${ECS_TASKS_PRINCIPAL}`);
  const problems = allows.flatMap(({ s, i }) => {
    const label = `assume_role_policy ${statementLabel(s, i)}`;
    const found: string[] = [];
    const others = s.principals.filter((p) => p.type !== 'Service' || p.identifiers.some((id) => id !== ECS_TASKS_PRINCIPAL));
    if (s.principals.length === 0 || others.length > 0 || s.not_principals.length > 0) {
      const shown =
        s.not_principals.length > 0
          ? `NotPrincipal ${show(s.not_principals)}`
          : `principals ${show(others.length > 0 ? others : s.principals)}`;
      found.push(`${label} trusts ${shown}; trust only the Service principal ${ECS_TASKS_PRINCIPAL}`);
    }
    const actions = [...s.actions.filter((a) => a.toLowerCase() !== 'sts:assumerole'), ...s.not_actions.map((a) => `NotAction ${a}`)];
    if (actions.length > 0 || s.actions.length === 0) {
      found.push(`${label} allows ${show(actions.length > 0 ? actions : s.actions)}; allow only sts:AssumeRole`);
    }
    return found;
  });
  return fromProblems(problems);
}

export const ecsRoleTrust: GuardrailRule = {
  id: 'FIN-IAM5',
  title: 'ECS task and execution roles trust only ecs-tasks.amazonaws.com',
  severity: 'high',
  description:
    'Roles used as task or execution role of an ECS task definition allow only sts:AssumeRole, only to the Service principal ecs-tasks.amazonaws.com; the roles are created in this stack.',
  mirrors: ['checkov CKV_AWS_60', 'AWS ECS Developer Guide: task IAM role trust relationship'],
  resourceTypes: ['aws_iam_role', 'aws_ecs_task_definition'],
  check(resource, stack) {
    if (resource.type === 'aws_ecs_task_definition') {
      return fromProblems(
        ROLE_ATTRIBUTES.flatMap((attribute) => {
          const value = nonEmpty(resource.config[attribute]);
          if (value === undefined || stack.references(value, 'aws_iam_role')) return [];
          return [
            `${attribute} ${show(value)} is not a role created in this stack, so its trust policy cannot be verified; create the role here or suppress this rule with the reason it is safe`,
          ];
        }),
      );
    }
    if (!isEcsRole(stack, resource)) return notApplicable('not the task or execution role of an ECS task definition');
    return checkTrust(resource, stack);
  },
};
