/**
 * Suppressions: a reviewed decision that a rule's finding is acceptable for a construct and
 * everything below it. Stored as node metadata on the construct (type
 * {@link SUPPRESSION_METADATA_TYPE}), so it travels with the construct tree, is visible to
 * `node.metadata` readers, and never reaches the synthesized JSON.
 */
import { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { ALL_RULES } from './rules';

/** Node metadata type under which suppressions are stored. */
export const SUPPRESSION_METADATA_TYPE = 'fintech:guardrails:suppression';

/** Minimum length of a suppression reason (after trimming). */
export const MIN_SUPPRESSION_REASON_LENGTH = 10;

/** A suppression as stored: rule, reason, and the construct path it applies to (with descendants). */
export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
  /** Construct path of the scope it was added to. */
  readonly path: string;
}

interface SuppressionData {
  readonly ruleId: string;
  readonly reason: string;
}

function isSuppressionData(data: unknown): data is SuppressionData {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as Record<string, unknown>).ruleId === 'string' &&
    typeof (data as Record<string, unknown>).reason === 'string'
  );
}

/** The suppressions added directly to `scope`. */
export function suppressionsOn(scope: IConstruct): Suppression[] {
  return scope.node.metadata
    .filter((m) => m.type === SUPPRESSION_METADATA_TYPE && isSuppressionData(m.data))
    .map((m) => {
      const data = m.data as SuppressionData;
      return { ruleId: data.ruleId, reason: data.reason, path: scope.node.path };
    });
}

/** Every suppression on `root` and its descendants, in construct-tree order. */
export function suppressionsWithin(root: IConstruct): Suppression[] {
  return root.node.findAll().flatMap(suppressionsOn);
}

/** True when a suppression added at `scopePath` covers the construct at `path`. */
export function covers(scopePath: string, path: string): boolean {
  return path === scopePath || path.startsWith(`${scopePath}/`);
}

/**
 * Suppresses rule `ruleId` on `scope` and all its descendants, for `reason`.
 * Throws (naming the construct path, the rule ID and the problem) when the rule ID is not in
 * ALL_RULES, the reason is shorter than {@link MIN_SUPPRESSION_REASON_LENGTH} characters, the scope
 * is not inside a TerraformStack, or the same rule is already suppressed on the same scope.
 */
export function suppressRule(scope: IConstruct, ruleId: string, reason: string): void {
  const path = scope.node.path || '<app root>';
  const fail = (problem: string): never => {
    throw new Error(`Guardrail suppression on "${path}" for rule "${ruleId}": ${problem}`);
  };
  if (!ALL_RULES.some((r) => r.id === ruleId)) {
    fail(`unknown rule ID; known IDs: ${ALL_RULES.map((r) => r.id).join(', ')}.`);
  }
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  if (trimmed.length < MIN_SUPPRESSION_REASON_LENGTH) {
    fail(
      `the reason ${JSON.stringify(reason)} has ${trimmed.length} characters; give at least ${MIN_SUPPRESSION_REASON_LENGTH} that say why the finding is acceptable.`,
    );
  }
  try {
    TerraformStack.of(scope);
  } catch {
    fail('the construct is not inside a TerraformStack; suppress on a stack or a construct within one.');
  }
  if (suppressionsOn(scope).some((s) => s.ruleId === ruleId)) {
    fail('the rule is already suppressed on this construct; keep one suppression with one reason.');
  }
  scope.node.addMetadata(SUPPRESSION_METADATA_TYPE, { ruleId, reason: trimmed } satisfies SuppressionData, { stackTrace: false });
}
