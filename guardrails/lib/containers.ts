/**
 * Container definitions of `aws_ecs_task_definition`: a JSON string in the synthesized JSON, with
 * the ECS API's camelCase keys (readonlyRootFilesystem, user, privileged, logConfiguration,
 * environment[{ name, value }]).
 */
import type { ResourceView, RuleResult } from '../rule';
import { fromProblems, nonCompliant } from '../rule';
import { isRecord, show, str } from './values';

/** The container definitions, or why they cannot be read. */
export function containerDefinitions(resource: ResourceView): { containers: Record<string, unknown>[] } | { error: string } {
  const raw = resource.config.container_definitions;
  if (typeof raw !== 'string') return { error: `container_definitions is ${show(raw)}, not a JSON string` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {
      error: `container_definitions ${show(raw.slice(0, 80))} is not JSON (build it with JSON.stringify, not a Terraform function)`,
    };
  }
  if (!Array.isArray(parsed) || !parsed.every(isRecord)) return { error: 'container_definitions is not a JSON list of objects' };
  return { containers: parsed };
}

/** `container "api"` (or `container #2` when unnamed), for reasons. */
export function containerLabel(container: Record<string, unknown>, index: number): string {
  const name = str(container.name);
  return name ? `container ${show(name)}` : `container #${index + 1}`;
}

/**
 * Runs `violation` on every container of a task definition; non-compliant when any container
 * violates or the definitions cannot be read (fail closed).
 */
export function checkContainers(resource: ResourceView, violation: (container: Record<string, unknown>) => string | undefined): RuleResult {
  const read = containerDefinitions(resource);
  if ('error' in read) return nonCompliant(read.error);
  return fromProblems(
    read.containers.flatMap((c, i) => {
      const problem = violation(c);
      return problem === undefined ? [] : [`${containerLabel(c, i)}: ${problem}`];
    }),
  );
}
