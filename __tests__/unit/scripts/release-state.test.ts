import { familyRevision, releaseMismatches, renderReleaseMismatches, type PlanWithPriorState } from '../../../scripts/lib/release-state';

const TD = (revision: number) => `arn:aws:ecs:us-east-1:296674251987:task-definition/fintech-api:${revision}`;

function plan(running: string, registered: string): PlanWithPriorState {
  return {
    prior_state: {
      values: {
        root_module: {
          resources: [
            { address: 'aws_ecs_task_definition.td', type: 'aws_ecs_task_definition', values: { family: 'fintech-api', arn: registered } },
            { address: 'aws_ecs_service.svc', type: 'aws_ecs_service', values: { name: 'fintech-api-service', task_definition: running } },
          ],
        },
      },
    },
  };
}

describe('release state in a plan', () => {
  test('GIVEN the service runs the registered revision THEN nothing is reported', () => {
    expect(releaseMismatches(plan(TD(42), TD(42)))).toEqual([]);
    expect(renderReleaseMismatches([])).toBe('');
  });

  test('GIVEN the circuit breaker put the service back on the previous revision THEN the plan names both', () => {
    const mismatches = releaseMismatches(plan(TD(41), TD(42)));
    expect(mismatches).toEqual([
      { service: 'aws_ecs_service.svc', serviceName: 'fintech-api-service', running: 'fintech-api:41', registered: 'fintech-api:42' },
    ]);
    expect(renderReleaseMismatches(mismatches)).toMatch(
      /Release rolled back:\*\* ECS service `fintech-api-service` runs `fintech-api:41`, not `fintech-api:42`[\s\S]*Applying this plan deploys `fintech-api:42` again/,
    );
  });

  test('a task definition given as family:revision compares equal to its ARN', () => {
    expect(familyRevision(TD(7))).toBe('fintech-api:7');
    expect(releaseMismatches(plan('fintech-api:42', TD(42)))).toEqual([]);
  });

  test('GIVEN no state yet (a first plan) THEN nothing is reported', () => {
    expect(releaseMismatches({})).toEqual([]);
  });
});
