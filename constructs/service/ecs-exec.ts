/**
 * ECS Exec (`aws ecs execute-command`): what the task role needs when a service turns it on. The
 * tasks also need a route to `ssmmessages` (its interface endpoint: there is no NAT gateway) and a
 * writable root filesystem, as the SSM agent writes inside the container.
 */
import type { RoleGrants } from '../shared/policy';

/** The interface endpoint service ECS Exec's agent connects to. */
export const ECS_EXEC_ENDPOINT_SERVICE = 'ssmmessages';

/** The actions ECS Exec's SSM agent calls from inside the task, with the task role. */
export const ECS_EXEC_ACTIONS = [
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
] as const;

/** The task-role grant ECS Exec needs. */
export function ecsExecGrants(): RoleGrants {
  return {
    taskRole: [
      {
        sid: 'EcsExecSsmMessages',
        effect: 'Allow',
        actions: [...ECS_EXEC_ACTIONS],
        // The ssmmessages actions support no resource-level permissions: AWS requires Resource "*"
        // for them. Who may open a session is controlled by ecs:ExecuteCommand on the caller's side.
        resources: ['*'],
      },
    ],
  };
}
