/**
 * FIN-ECS2 — containers run as a non-root user.
 *
 * Every container definition must set `user`, and not to root: `root`, `0`, `root:<group>` or
 * `0:<gid>` fail. Without `user` the image's USER applies, which is root for most base images; a
 * process running as root inside the container turns any code-execution bug into full control
 * of the container and a better position for a kernel escape.
 *
 * Mirrors: AWS Config ecs-task-definition-linux-user-non-root, ecs-task-definition-nonroot-user;
 * Security Hub ECS.1 (root user with host networking).
 */
import type { GuardrailRule } from '../rule';
import { checkContainers } from '../lib/containers';
import { show, str } from '../lib/values';

/** True when a container `user` value (`user`, `uid`, `user:group`, `uid:gid`) designates root. */
export function isRootUser(user: string): boolean {
  const name = user.split(':')[0]?.trim() ?? '';
  return name === 'root' || /^0+$/.test(name);
}

export const containerNonRootUser: GuardrailRule = {
  id: 'FIN-ECS2',
  title: 'Containers run as a non-root user',
  severity: 'medium',
  description: 'Every container of every ECS task definition sets user, and not to root, 0, root:<group> or 0:<gid>.',
  mirrors: [
    'AWS Config ecs-task-definition-linux-user-non-root',
    'AWS Config ecs-task-definition-nonroot-user',
    'Security Hub ECS.1 (partially)',
  ],
  resourceTypes: ['aws_ecs_task_definition'],
  check(resource) {
    return checkContainers(resource, (c) => {
      const user = str(c.user);
      if (user === undefined || user.trim() === '') {
        return `user is ${show(c.user)}, so the image's USER (usually root) applies; set user to a non-root UID:GID such as "1000:1000"`;
      }
      return isRootUser(user) ? `user is ${show(user)} (root); set a non-root UID:GID such as "1000:1000"` : undefined;
    });
  },
};
