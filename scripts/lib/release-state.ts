/**
 * Whether the last release is the one running, read from a plan's refreshed state (`prior_state`
 * of `terraform show -json`): an ECS service whose live task definition is not the revision of its
 * family that Terraform registered was rolled back by the deployment circuit breaker (or deployed
 * outside Terraform). A plain plan shows that only as an update of the service's task_definition;
 * `npm run plan` puts it first, in words, so nobody re-deploys a failed release without noticing.
 */

interface StateResource {
  address: string;
  type: string;
  values: Record<string, unknown>;
}

interface StateModule {
  resources?: StateResource[];
  child_modules?: StateModule[];
}

/** The part of `terraform show -json` of a plan this reads. */
export interface PlanWithPriorState {
  prior_state?: { values?: { root_module?: StateModule } };
}

export interface ReleaseMismatch {
  /** Address of the aws_ecs_service. */
  readonly service: string;
  readonly serviceName: string;
  /** `family:revision` the service runs. */
  readonly running: string;
  /** `family:revision` Terraform registered for that family. */
  readonly registered: string;
}

function resourcesOf(module: StateModule | undefined): StateResource[] {
  if (!module) return [];
  return [...(module.resources ?? []), ...(module.child_modules ?? []).flatMap(resourcesOf)];
}

/** `family:revision` of a task definition given by ARN or as `family:revision`. */
export function familyRevision(taskDefinition: string): string {
  return taskDefinition.replace(/^arn:[^:]+:ecs:[^:]+:\d+:task-definition\//, '');
}

/** Every service of the plan's refreshed state that runs another revision than the registered one. */
export function releaseMismatches(plan: PlanWithPriorState): ReleaseMismatch[] {
  const resources = resourcesOf(plan.prior_state?.values?.root_module);
  const registered = new Map(
    resources
      .filter((r) => r.type === 'aws_ecs_task_definition' && typeof r.values.arn === 'string')
      .map((r) => [String(r.values.family), familyRevision(String(r.values.arn))]),
  );
  return resources
    .filter((r) => r.type === 'aws_ecs_service' && typeof r.values.task_definition === 'string')
    .flatMap((r) => {
      const running = familyRevision(String(r.values.task_definition));
      const expected = registered.get(running.split(':')[0]!);
      return expected !== undefined && expected !== running
        ? [{ service: r.address, serviceName: String(r.values.name), running, registered: expected }]
        : [];
    });
}

/** Markdown lines for a plan summary; empty when every service runs its registered revision. */
export function renderReleaseMismatches(mismatches: readonly ReleaseMismatch[]): string {
  if (mismatches.length === 0) return '';
  const lines = mismatches.map(
    (m) =>
      `- **Release rolled back:** ECS service \`${m.serviceName}\` runs \`${m.running}\`, not \`${m.registered}\` that the last apply ` +
      'registered. The deployment circuit breaker rolled it back (its tasks failed to start or to pass health checks), or another ' +
      `deployment replaced it. Applying this plan deploys \`${m.registered}\` again: find out why it failed first (the service events).`,
  );
  return `${lines.join('\n')}\n\n`;
}
