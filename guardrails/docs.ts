/** Markdown renderings of the pack for generated documentation. Pure functions. */
import type { TerraformStack } from 'cdktf';
import type { GuardrailRule } from './rule';
import { ALL_RULES } from './rules';
import { suppressionsWithin } from './suppressions';

/** Escapes a value for a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n') + '\n';
}

/** Markdown table of the rules: ID, severity, what it checks, mirrors. */
export function renderRulesTable(rules: readonly GuardrailRule[] = ALL_RULES): string {
  return table(
    ['ID', 'Severity', 'What it checks', 'Mirrors'],
    rules.map((r) => [r.id, r.severity, `${r.title}. ${r.description}`, r.mirrors.join(', ')]),
  );
}

/** Markdown table of the suppressions in `stacks`: stack, construct path, rule, reason. */
export function renderSuppressionsTable(stacks: readonly TerraformStack[]): string {
  const rows = stacks.flatMap((stack) => suppressionsWithin(stack).map((s) => [stack.node.id, s.path, s.ruleId, s.reason]));
  return rows.length === 0 ? '_No guardrail suppressions._\n' : table(['Stack', 'Construct path', 'Rule', 'Reason'], rows);
}
