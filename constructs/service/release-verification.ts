/**
 * What makes an apply tell the truth about a release (hashicorp/terraform-provider-aws#19519):
 * with the deployment circuit breaker on, ECS rolls a failed release back to the previous task
 * definition, the service becomes stable again on the old revision, and `wait_for_steady_state`
 * counts that as success. A postcondition on the service compares the task definition it runs —
 * read back after the provider has waited for the deployment — with the one this apply
 * registered, and fails the apply naming both.
 *
 * The next plan reports a rollback too: `npm run plan` and `npm run drift` compare the refreshed
 * service with the registered task definition (scripts/lib/release-state.ts). (A `check` block
 * could not do it: its data source is re-read on every apply, so every plan would show a change.)
 */
import type { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import type { Postcondition } from 'cdktf';

/** The service a release check or postcondition is about. */
export interface ReleaseTarget {
  readonly clusterName: string;
  readonly serviceName: string;
}

/** Why a service can end up on another revision, and where to look. */
export function rolledBackWhy(target: ReleaseTarget): string {
  return (
    'Its deployment did not complete: the deployment circuit breaker rolled it back (the new tasks failed to start or ' +
    'to pass health checks), or another deployment replaced it; the service events say which: ' +
    `aws ecs describe-services --cluster ${target.clusterName} --services ${target.serviceName}.`
  );
}

/** The postcondition the service carries: after apply it must run the task definition this apply registered. */
export function releasePostcondition(target: ReleaseTarget, taskDefinition: EcsTaskDefinition): Postcondition {
  const registered = `${taskDefinition.fqn}.arn`;
  return {
    condition: `\${self.task_definition == ${registered}}`,
    errorMessage:
      `Release not running: ECS service ${target.serviceName} runs \${self.task_definition}, not \${${registered}}, ` +
      `the task definition Terraform registered for it. ${rolledBackWhy(target)} Fix the release, then apply again.`,
  };
}
