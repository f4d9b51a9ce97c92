/**
 * FIN-ECS3 — containers are not privileged.
 *
 * No container definition may set `privileged: true`. A privileged container gets every Linux
 * capability and access to the host's devices: it is root on the host in all but name. (Fargate
 * rejects it; the rule keeps an EC2 capacity provider from reintroducing it.)
 *
 * Mirrors: Security Hub ECS.4; checkov CKV_AWS_334; AWS Config ecs-containers-nonprivileged.
 */
import type { GuardrailRule } from '../rule';
import { checkContainers } from '../lib/containers';
import { isTrue, show } from '../lib/values';

export const containerNotPrivileged: GuardrailRule = {
  id: 'FIN-ECS3',
  title: 'Containers are not privileged',
  severity: 'high',
  description: 'No container of any ECS task definition sets privileged to true.',
  mirrors: ['Security Hub ECS.4', 'checkov CKV_AWS_334', 'AWS Config ecs-containers-nonprivileged'],
  resourceTypes: ['aws_ecs_task_definition'],
  check(resource) {
    return checkContainers(resource, (c) =>
      isTrue(c.privileged)
        ? `privileged is ${show(c.privileged)}; remove it or set it to false (grant single capabilities with linuxParameters if needed)`
        : undefined,
    );
  },
};
