/**
 * FIN-ECS4 — containers send their logs somewhere.
 *
 * Every container definition must have a `logConfiguration` with a `logDriver`. Without it the
 * container's output is lost when the task stops, and with it the evidence of an incident.
 *
 * Mirrors: Security Hub ECS.9; cdk-nag AwsSolutions-ECS7; AWS Config ecs-task-definition-log-configuration.
 */
import type { GuardrailRule } from '../rule';
import { checkContainers } from '../lib/containers';
import { isRecord, nonEmpty, show } from '../lib/values';

export const containerLogging: GuardrailRule = {
  id: 'FIN-ECS4',
  title: 'Containers have a log configuration',
  severity: 'medium',
  description: 'Every container of every ECS task definition has a logConfiguration with a logDriver.',
  mirrors: ['Security Hub ECS.9', 'cdk-nag AwsSolutions-ECS7', 'AWS Config ecs-task-definition-log-configuration'],
  resourceTypes: ['aws_ecs_task_definition'],
  check(resource) {
    return checkContainers(resource, (c) => {
      const config = c.logConfiguration;
      if (isRecord(config) && nonEmpty(config.logDriver) !== undefined) return undefined;
      return `logConfiguration is ${show(config)}; add logConfiguration { logDriver: "awslogs", options: { awslogs-group, awslogs-region, awslogs-stream-prefix } }`;
    });
  },
};
