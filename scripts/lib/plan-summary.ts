/**
 * A readable summary of `terraform show -json` output for plan review: counts of resources to
 * add / change / replace / destroy by type, with every replacement (and deletion) listed first,
 * since those are what break production.
 */
import type { EnvironmentWarning } from '../../config/warnings';

/** The part of `terraform show -json` output the summary reads. */
export interface PlanChanges {
  readonly resource_changes?: readonly {
    readonly address: string;
    readonly type: string;
    readonly change: {
      readonly actions: readonly string[];
      readonly replace_paths?: readonly (readonly unknown[])[];
      /** Present when the resource is imported by this plan (Terraform ≥ 1.5). */
      readonly importing?: { readonly id?: string };
    };
  }[];
}

type Kind = 'replace' | 'destroy' | 'add' | 'change';

function kindOf(actions: readonly string[]): Kind | undefined {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  if (actions.includes('delete')) return 'destroy';
  if (actions.includes('create')) return 'add';
  if (actions.includes('update')) return 'change';
  return undefined;
}

export interface PlanSummary {
  readonly counts: Record<Kind, number>;
  /** Per resource type, per kind. */
  readonly byType: Record<string, Partial<Record<Kind, number>>>;
  /** Addresses of replaced resources, with the attributes that force the replacement. */
  readonly replacements: readonly { address: string; because: readonly string[] }[];
  readonly destructions: readonly string[];
  /** Resources this plan imports, with their import IDs (changed in place or not). */
  readonly imports: readonly { address: string; id: string }[];
}

export function summarizePlan(plan: PlanChanges): PlanSummary {
  const counts: Record<Kind, number> = { replace: 0, destroy: 0, add: 0, change: 0 };
  const byType: Record<string, Partial<Record<Kind, number>>> = {};
  const replacements: { address: string; because: string[] }[] = [];
  const destructions: string[] = [];
  const imports: { address: string; id: string }[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.change.importing) imports.push({ address: rc.address, id: rc.change.importing.id ?? '' });
    const kind = kindOf(rc.change.actions);
    if (!kind) continue;
    counts[kind] += 1;
    const row = (byType[rc.type] ??= {});
    row[kind] = (row[kind] ?? 0) + 1;
    if (kind === 'replace') {
      const paths = rc.change.replace_paths ?? [];
      replacements.push({ address: rc.address, because: paths.map((p) => p.map(String).join('.')) });
    }
    if (kind === 'destroy') destructions.push(rc.address);
  }
  return { counts, byType, replacements, destructions, imports };
}

/**
 * Markdown for a pull request: `warnings` (e.g. a rolled-back release) first, then replacements
 * and destructions, then the table by type.
 */
export function renderPlanSummary(stack: string, summary: PlanSummary, warnings = ''): string {
  const { counts } = summary;
  const lines = [`### ${stack}`, '', ...(warnings.trim() ? [warnings.trimEnd(), ''] : [])];
  lines.push(
    `**${summary.imports.length} to import, ${counts.add} to add, ${counts.change} to change, ${counts.replace} to replace, ${counts.destroy} to destroy.**`,
    '',
  );
  if (summary.replacements.length > 0) {
    lines.push('**Replacements (the resource is destroyed and created again):**', '');
    for (const r of summary.replacements)
      lines.push(`- \`${r.address}\`${r.because.length ? ` — forced by ${r.because.map((b) => `\`${b}\``).join(', ')}` : ''}`);
    lines.push('');
  }
  if (summary.destructions.length > 0) {
    lines.push('**Destroyed:**', '');
    for (const d of summary.destructions) lines.push(`- \`${d}\``);
    lines.push('');
  }
  if (summary.imports.length > 0) {
    lines.push('**Imported (adopted as they are, then changed in place where the table says so):**', '');
    for (const i of summary.imports) lines.push(`- \`${i.address}\` ← \`${i.id}\``);
    lines.push('');
  }
  const types = Object.keys(summary.byType).sort();
  if (types.length === 0) {
    lines.push(summary.imports.length > 0 ? 'No other changes.' : 'No changes.');
  } else {
    lines.push('| resource type | add | change | replace | destroy |', '|---|---:|---:|---:|---:|');
    for (const t of types) {
      const r = summary.byType[t]!;
      lines.push(`| \`${t}\` | ${r.add ?? ''} | ${r.change ?? ''} | ${r.replace ?? ''} | ${r.destroy ?? ''} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Markdown for the top of a plan summary: what the environment still leaves open, or '' when nothing. */
export function renderWarnings(warnings: readonly EnvironmentWarning[]): string {
  if (warnings.length === 0) return '';
  const lines = ['**Warnings** (the plan is valid; these are open for a production-like environment):', ''];
  for (const w of warnings) lines.push(`- \`${w.path}\`: ${w.problem}. **Fix:** ${w.fix}.`);
  return `${lines.join('\n')}\n\n`;
}
