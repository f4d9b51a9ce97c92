/**
 * The no-drift check: reads `terraform show -json` of a plan and reports every planned change,
 * with the attributes it touches. (The emulator's read-back differences never show up here: the
 * emulator profile ignores them, see stacks/emulator-gaps.ts.)
 */

interface ResourceChange {
  address: string;
  type: string;
  change: {
    actions: string[];
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    after_unknown?: Record<string, unknown>;
  };
}

export interface PlanJson {
  resource_changes?: ResourceChange[];
  output_changes?: Record<string, { actions: string[] }>;
}

export interface Drift {
  readonly address: string;
  readonly actions: readonly string[];
  /** Attributes whose planned value differs from the current one (or becomes unknown). */
  readonly attributes: readonly string[];
}

function changedAttributes(change: ResourceChange['change']): string[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const unknown = Object.entries(change.after_unknown ?? {})
    .filter(([, v]) => v === true)
    .map(([k]) => k);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const differing = [...keys].filter((k) => !unknown.includes(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return [...differing, ...unknown].sort();
}

/** Every planned change, tolerated or not. */
export function plannedChanges(plan: PlanJson): Drift[] {
  return (plan.resource_changes ?? [])
    .filter((rc) => !rc.change.actions.every((a) => a === 'no-op' || a === 'read'))
    .map((rc) => ({ address: rc.address, actions: rc.change.actions, attributes: changedAttributes(rc.change) }));
}
