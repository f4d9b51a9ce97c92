import { ECS_EXEC_ACTIONS, ecsExecGrants } from '../../../../constructs/service/ecs-exec';

describe('ECS Exec grants', () => {
  test('the ECS Exec task-role statement allows exactly the four ssmmessages channel actions', () => {
    expect(ecsExecGrants().taskRole ?? []).toEqual([
      {
        sid: 'EcsExecSsmMessages',
        effect: 'Allow',
        actions: [
          'ssmmessages:CreateControlChannel',
          'ssmmessages:CreateDataChannel',
          'ssmmessages:OpenControlChannel',
          'ssmmessages:OpenDataChannel',
        ],
        resources: ['*'],
      },
    ]);
  });

  test('the ECS Exec statements are a fresh copy on every call (callers cannot alter the constant)', () => {
    const first = ecsExecGrants().taskRole ?? [];
    (first[0]!.actions as string[]).push('ssm:StartSession');
    expect((ecsExecGrants().taskRole ?? [])[0]!.actions).toEqual([...ECS_EXEC_ACTIONS]);
  });

  test('grants the execution role nothing', () => {
    expect(ecsExecGrants().executionRole).toBeUndefined();
  });
});
