/**
 * Planned changes and drift, read from `terraform show -json`.
 *
 * - {@link plannedChanges}: every change a plan would make, with the attributes it touches (the
 *   no-drift check after an apply).
 * - {@link driftReport}: what a `plan -refresh-only` found changed outside Terraform, attribute by
 *   attribute, with the attributes something else owns by design set apart (the scaler's
 *   desired_count, the deployment's task definition, ...), the attributes this configuration does
 *   not manage counted but not listed (drift-schema.ts), and the conditions that failed against
 *   the live estate (the release postcondition after a rollback).
 */

interface ResourceChange {
  address: string;
  type: string;
  change: {
    actions: string[];
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    after_unknown?: Record<string, unknown>;
    before_sensitive?: unknown;
    after_sensitive?: unknown;
  };
}

interface CheckResult {
  address: { to_display: string; kind?: string };
  status: string;
  instances?: { address?: { to_display?: string }; status: string; problems?: { message: string }[] }[];
}

export interface PlanJson {
  resource_changes?: ResourceChange[];
  resource_drift?: ResourceChange[];
  output_changes?: Record<string, { actions: string[] }>;
  checks?: CheckResult[];
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

// --- Drift ------------------------------------------------------------------------------------

/** An attribute that something other than Terraform sets by design, and what. */
export interface Ownership {
  /** Resource address, or `<type>.*` for every resource of a type. */
  readonly resource: string;
  /** Top-level attribute. */
  readonly attribute: string;
  readonly owner: string;
}

/** One attribute changed outside Terraform: where (a path such as `health_check[0].path`), from what, to what. */
export interface AttributeChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface DriftedResource {
  readonly address: string;
  readonly type: string;
  /** `update`, or `delete` when the resource is gone. */
  readonly actions: readonly string[];
  readonly changes: readonly AttributeChange[];
}

export interface DriftReport {
  /** Changes nobody owns: drift. */
  readonly drifted: readonly DriftedResource[];
  /** Changes to attributes something else owns by design: not drift, listed with the owner. */
  readonly ownedElsewhere: readonly (AttributeChange & { readonly address: string; readonly owner: string })[];
  /**
   * Changes to attributes this configuration does not manage — read-only ones AWS computes (a
   * restore time), computed ones it leaves unset (a bucket's inline policy, a group's inline rules,
   * managed by their own resources): a plan would not undo them, so they are not drift. Counted, not listed.
   */
  readonly unmanagedChanges: number;
  /**
   * Conditions that fail against the live estate — a resource postcondition, such as the release
   * postcondition after a rollback, or a check block — with their messages.
   */
  readonly failedChecks: readonly { readonly address: string; readonly messages: readonly string[] }[];
}

/** True when the configuration does not manage the attribute at `path` (e.g. `health_check[0].path`) of a resource. */
export type UnmanagedAttribute = (address: string, type: string, path: string) => boolean;

/** Attributes owned elsewhere in every configuration of this project. */
export const ALWAYS_OWNED: readonly Ownership[] = [
  {
    resource: 'aws_ecs_service.*',
    attribute: 'task_definition',
    owner:
      'ECS deployments: a release sets it, the deployment circuit breaker sets it back on a rollback (which fails the release postcondition)',
  },
];

/** Who owns an attribute a configuration ignores (`lifecycle.ignore_changes`), where the project knows. */
const IGNORED_BECAUSE: Readonly<Record<string, string>> = {
  'aws_ecs_service.desired_count': 'Application Auto Scaling (service.autoscaling) sets the running task count',
  'aws_secretsmanager_secret_version.secret_string': 'operators and rotations put new secret values',
};

interface ConfigJson {
  resource?: Record<string, Record<string, { lifecycle?: { ignore_changes?: string[] | 'all' } }>>;
}

/**
 * The ownership a synthesized configuration declares: every attribute under `ignore_changes`,
 * with its owner (`explain` first, then the project's known owners), plus {@link ALWAYS_OWNED}.
 */
export function ownershipFromConfig(
  config: ConfigJson,
  explain: (type: string, attribute: string) => string | undefined = () => undefined,
): Ownership[] {
  const declared = Object.entries(config.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).flatMap(([name, r]) => {
      const ignored = r.lifecycle?.ignore_changes;
      return Array.isArray(ignored)
        ? ignored.map((attribute) => ({
            resource: `${type}.${name}`,
            attribute,
            owner:
              explain(type, attribute) ??
              IGNORED_BECAUSE[`${type}.${attribute}`] ??
              'ignored by the configuration (lifecycle.ignore_changes)',
          }))
        : [];
    }),
  );
  return [...declared, ...ALWAYS_OWNED];
}

/** Shown instead of a value Terraform marks sensitive: a drift report never prints a secret. */
export const REDACTED = '(sensitive)';

/** The part of a `*_sensitive` mask (true, or an object/array of masks) that applies to `key`. */
function maskAt(mask: unknown, key: string | number): unknown {
  if (mask === true) return true;
  return typeof mask === 'object' && mask !== null ? (mask as Record<string | number, unknown>)[key] : undefined;
}

/** null, an empty string, list or map: providers read these back interchangeably, and a plan treats them alike. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** Unset on one side, the type's zero value on the other: the same to a provider (SDK v2 has no null number or boolean). */
function isUnsetVersusZero(a: unknown, b: unknown): boolean {
  const unset = (v: unknown): boolean => v === null || v === undefined;
  const zero = (v: unknown): boolean => v === 0 || v === false || isEmpty(v);
  return (unset(a) && zero(b)) || (unset(b) && zero(a));
}

function leafChanges(before: unknown, after: unknown, path: string, sensitive: unknown): AttributeChange[] {
  if (JSON.stringify(before) === JSON.stringify(after) || (isEmpty(before) && isEmpty(after)) || isUnsetVersusZero(before, after))
    return [];
  if (sensitive === true) return [{ path, before: REDACTED, after: REDACTED }];
  const bothArrays = Array.isArray(before) && Array.isArray(after) && before.length === after.length;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (bothArrays) {
    return (before as unknown[]).flatMap((b, i) => leafChanges(b, (after as unknown[])[i], `${path}[${i}]`, maskAt(sensitive, i)));
  }
  if (isObject(before) && isObject(after)) {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .sort()
      .flatMap((k) => leafChanges(before[k], after[k], path ? `${path}.${k}` : k, maskAt(sensitive, k)));
  }
  // A whole list or object replaced: its parts may be sensitive, so it is shown only when nothing in it is.
  const hidden = typeof sensitive === 'object' && sensitive !== null && JSON.stringify(sensitive).includes('true');
  return [{ path, before: hidden ? REDACTED : before, after: hidden ? REDACTED : after }];
}

/** Merges the before and after sensitivity masks: a value sensitive on either side is hidden. */
function mergeMasks(a: unknown, b: unknown): unknown {
  if (a === true || b === true) return true;
  const isContainer = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (!isContainer(a)) return b;
  if (!isContainer(b)) return a;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return Object.fromEntries([...keys].map((k) => [k, mergeMasks(a[k], b[k])]));
}

function ownerOf(ownership: readonly Ownership[], address: string, type: string, path: string): string | undefined {
  const attribute = path.split(/[.[]/)[0];
  return ownership.find((o) => o.attribute === attribute && (o.resource === address || o.resource === `${type}.*`))?.owner;
}

/** Reads a refresh-only plan: drift, what is owned elsewhere, and the failed conditions. */
export function driftReport(plan: PlanJson, ownership: readonly Ownership[], unmanaged: UnmanagedAttribute = () => false): DriftReport {
  const drifted: DriftedResource[] = [];
  const ownedElsewhere: DriftReport['ownedElsewhere'][number][] = [];
  let unmanagedChanges = 0;
  for (const rc of plan.resource_drift ?? []) {
    if (rc.change.actions.every((a) => a === 'no-op' || a === 'read')) continue;
    const mask = mergeMasks(rc.change.before_sensitive, rc.change.after_sensitive);
    const changes = rc.change.actions.includes('delete') ? [] : leafChanges(rc.change.before ?? {}, rc.change.after ?? {}, '', mask);
    const unowned: AttributeChange[] = [];
    for (const change of changes) {
      const owner = ownerOf(ownership, rc.address, rc.type, change.path);
      if (owner) ownedElsewhere.push({ address: rc.address, owner, ...change });
      else if (unmanaged(rc.address, rc.type, change.path)) unmanagedChanges += 1;
      else unowned.push(change);
    }
    const deleted = rc.change.actions.includes('delete');
    if (unowned.length > 0 || deleted) drifted.push({ address: rc.address, type: rc.type, actions: rc.change.actions, changes: unowned });
  }
  const failedChecks = (plan.checks ?? [])
    .filter((c) => c.status === 'fail')
    .map((c) => ({
      address: c.address.to_display,
      messages: (c.instances ?? []).flatMap((i) => (i.problems ?? []).map((p) => p.message)),
    }));
  return { drifted, ownedElsewhere, unmanagedChanges, failedChecks };
}

/** 2 when something drifted or a check failed, 0 when clean (1 is left for errors). */
export function driftExitCode(report: DriftReport): 0 | 2 {
  return report.drifted.length > 0 || report.failedChecks.length > 0 ? 2 : 0;
}

function show(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  return json.length > 100 ? `${json.slice(0, 97)}...` : json;
}

/** A plain-text report (Markdown-friendly) of one stack's drift. */
export function renderDriftReport(stack: string, report: DriftReport): string {
  const lines = [`## Drift: ${stack}`, ''];
  const code = driftExitCode(report);
  lines.push(
    code === 0
      ? 'No drift: every resource matches what Terraform last applied.'
      : `**${report.drifted.length} resource(s) changed outside Terraform, ${report.failedChecks.length} condition(s) failed.**`,
    '',
  );
  if (report.failedChecks.length > 0) {
    lines.push('### Failed conditions', '');
    for (const c of report.failedChecks) lines.push(`- \`${c.address}\`: ${c.messages.join(' ') || '(no message)'}`);
    lines.push('');
  }
  if (report.drifted.length > 0) {
    lines.push('### Changed outside Terraform', '');
    for (const d of report.drifted) {
      if (d.actions.includes('delete')) {
        lines.push(`- \`${d.address}\`: deleted`);
        continue;
      }
      lines.push(`- \`${d.address}\``);
      for (const c of d.changes) lines.push(`  - \`${c.path}\`: ${show(c.before)} → ${show(c.after)}`);
    }
    lines.push('');
  }
  if (report.ownedElsewhere.length > 0) {
    lines.push('### Not drift: owned by something else by design', '');
    for (const o of report.ownedElsewhere)
      lines.push(`- \`${o.address}\` \`${o.path}\`: ${show(o.before)} → ${show(o.after)} — ${o.owner}`);
    lines.push('');
  }
  if (report.unmanagedChanges > 0) {
    lines.push(
      `(${report.unmanagedChanges} change(s) to attributes this configuration does not manage — computed by AWS, or left to their own resources: not drift, not listed.)`,
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}
