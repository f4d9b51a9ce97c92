/**
 * FIN-ECS1 — containers mount their root filesystem read-only.
 *
 * Every container definition of every `aws_ecs_task_definition` must set
 * `readonlyRootFilesystem: true` (writable paths come from explicit volumes, e.g. `/tmp`). A
 * read-only root stops an intruder from altering the image's binaries or persisting tools.
 *
 * Mirrors: Security Hub ECS.5; checkov CKV_AWS_336; AWS Config ecs-containers-readonly-access.
 */
import type { GuardrailRule } from '../rule';
import { checkContainers } from '../lib/containers';
import { show } from '../lib/values';

export const containerReadOnlyRoot: GuardrailRule = {
  id: 'FIN-ECS1',
  title: 'Containers have a read-only root filesystem',
  severity: 'medium',
  description: 'Every container of every ECS task definition sets readonlyRootFilesystem to true.',
  mirrors: ['Security Hub ECS.5', 'checkov CKV_AWS_336', 'AWS Config ecs-containers-readonly-access'],
  resourceTypes: ['aws_ecs_task_definition'],
  check(resource) {
    return checkContainers(resource, (c) =>
      c.readonlyRootFilesystem === true
        ? undefined
        : `readonlyRootFilesystem is ${show(c.readonlyRootFilesystem)}; set it to true and mount a volume for each path the process writes (e.g. /tmp)`,
    );
  },
};
