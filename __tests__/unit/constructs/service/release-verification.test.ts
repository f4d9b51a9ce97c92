import { synthService } from '../../../helpers/fargate-service';
import { referenceTo } from '../../../helpers/constructs';
import { onlyResource, synthDelivery } from '../../../helpers/synth';

/** `${aws_ecs_task_definition.<name>.arn}` without the interpolation braces. */
function registeredArn(synth: string): string {
  return referenceTo(synth, 'aws_ecs_task_definition', () => true, 'arn').slice(2, -1);
}

describe('release verification (the apply and the plan tell the truth about a release)', () => {
  let synth: string;
  beforeAll(() => {
    synth = synthService();
  });

  test('the apply waits for the deployment to finish by default (wait_for_steady_state)', () => {
    expect(onlyResource(synth, 'aws_ecs_service').wait_for_steady_state).toBe(true);
  });

  test('waitForSteadyState: false turns the wait off', () => {
    expect(onlyResource(synthService({ waitForSteadyState: false }), 'aws_ecs_service').wait_for_steady_state).toBe(false);
  });

  test('GIVEN a rolled-back release THEN the postcondition fails: the service must run the task definition this apply registered', () => {
    const [postcondition, ...others] = (onlyResource(synth, 'aws_ecs_service').lifecycle as { postcondition: Record<string, string>[] })
      .postcondition;
    expect(others).toEqual([]);
    expect(postcondition!.condition).toBe(`\${self.task_definition == ${registeredArn(synth)}}`);
  });

  test('the postcondition message names both task definitions, the circuit breaker and where to look', () => {
    const { error_message: message } = (onlyResource(synth, 'aws_ecs_service').lifecycle as { postcondition: Record<string, string>[] })
      .postcondition[0]!;
    expect(message).toContain(
      'runs ${self.task_definition}, not ${' + registeredArn(synth) + '}, the task definition Terraform registered',
    );
    expect(message).toContain('circuit breaker rolled it back');
    expect(message).toContain('aws ecs describe-services --cluster fintech-cluster --services fintech-api-service');
  });

  test('a replaced task definition revision stays registered (skip_destroy), so there is a revision to roll back to', () => {
    expect(onlyResource(synth, 'aws_ecs_task_definition').skip_destroy).toBe(true);
  });
});

describe('release verification in the stacks', () => {
  test('production waits for its deployments', () => {
    expect(onlyResource(synthDelivery('production'), 'aws_ecs_service').wait_for_steady_state).toBe(true);
  });

  test('GIVEN the emulator (gap ecs-tasks-never-run) THEN dev does not wait, and still has the postcondition', () => {
    const service = onlyResource(synthDelivery('dev', 'emulator'), 'aws_ecs_service');
    expect(service.wait_for_steady_state).toBe(false);
    expect((service.lifecycle as { postcondition: unknown[] }).postcondition).toHaveLength(1);
  });

  test('no check block: its data source would be re-read on every apply, so no plan would ever be empty', () => {
    expect(JSON.parse(synthDelivery('production'))).not.toHaveProperty('check');
  });
});
