/**
 * FIN-ECS6 — the task role differs from the execution role.
 *
 * An `aws_ecs_task_definition` with both roles must not use the same role for both. The execution
 * role (ECS agent: pull images, write logs, read injected secrets) and the task role (the
 * application's own AWS permissions) have different duties; one role for both hands the
 * application everything the agent may do.
 *
 * Mirrors: checkov CKV_AWS_249.
 */
import type { GuardrailRule } from '../rule';
import { compliant, nonCompliant, notApplicable } from '../rule';
import { nonEmpty, show } from '../lib/values';

export const taskRolesSeparated: GuardrailRule = {
  id: 'FIN-ECS6',
  title: 'Task role differs from execution role',
  severity: 'medium',
  description: 'No ECS task definition uses the same IAM role as task_role_arn and execution_role_arn.',
  mirrors: ['checkov CKV_AWS_249'],
  resourceTypes: ['aws_ecs_task_definition'],
  check(resource, stack) {
    const task = nonEmpty(resource.config.task_role_arn);
    const execution = nonEmpty(resource.config.execution_role_arn);
    if (task === undefined || execution === undefined) return notApplicable('does not set both task_role_arn and execution_role_arn');
    const same =
      task === execution ||
      (stack.referencedAddress(task) !== undefined && stack.referencedAddress(task) === stack.referencedAddress(execution));
    return same
      ? nonCompliant(
          `task_role_arn and execution_role_arn are both ${show(task)}; give the application its own role, separate from the execution role`,
        )
      : compliant();
  },
};
