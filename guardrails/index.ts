/** Public API of the synth-time guardrails. */
export { renderRulesTable, renderSuppressionsTable } from './docs';
export type { Finding } from './evaluate';
export { applySuppressions, blockingFindings, evaluateStack, evaluateView, runRule, UNUSED_SUPPRESSION_RULE_ID } from './evaluate';
export { applyGuardrails, formatFinding, GuardrailsPack } from './pack';
export type { GuardrailOptions, GuardrailRule, PolicyStatement, ResourceView, RuleResult, RuleStatus, Severity, StackView } from './rule';
export { ALL_RULES, ruleById } from './rules';
export { buildStackView, parseReference, ResolvedStackView } from './stack-view';
export type { Suppression } from './suppressions';
export { MIN_SUPPRESSION_REASON_LENGTH, suppressionsWithin, suppressRule } from './suppressions';
