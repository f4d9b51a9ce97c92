/**
 * The no-drift check: reads `terraform show -json` of a plan and reports every planned change
 * that is not a known emulator read-back difference (listed, with reasons, in stacks/emulator.ts).
 */
import { toleratedDrift, type ToleratedDrift } from '../../stacks/emulator';

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

/**
 * The planned changes that are real drift: anything but an in-place update, or an update that
 * touches an attribute the gap list does not tolerate for that resource type.
 */
export function untoleratedDrift(plan: PlanJson, tolerated: readonly ToleratedDrift[] = toleratedDrift()): Drift[] {
  const byType = new Map<string, Set<string>>();
  for (const t of tolerated) {
    const set = byType.get(t.resourceType) ?? new Set<string>();
    t.attributes.forEach((a) => set.add(a));
    byType.set(t.resourceType, set);
  }
  const types = new Map((plan.resource_changes ?? []).map((rc) => [rc.address, rc.type]));
  return plannedChanges(plan).filter((d) => {
    if (d.actions.length !== 1 || d.actions[0] !== 'update') return true;
    const allowed = byType.get(types.get(d.address) ?? '') ?? new Set<string>();
    return d.attributes.some((a) => !allowed.has(a));
  });
}
