/**
 * Runs the rules over one stack and returns findings. Pure: builds a fresh {@link StackView},
 * does not change the construct tree, adds no annotations; the same stack gives the same findings.
 */
import type { TerraformStack } from 'cdktf';
import type { GuardrailOptions, GuardrailRule, ResourceView, RuleResult, RuleStatus, Severity, StackView } from './rule';
import { ALL_RULES } from './rules';
import { buildStackView } from './stack-view';
import type { Suppression } from './suppressions';
import { covers, suppressionsWithin } from './suppressions';

/** Rule ID of the finding that reports a suppression which matched no finding. */
export const UNUSED_SUPPRESSION_RULE_ID = 'FIN-UNUSED';

/** One rule's verdict on one resource (or an unused suppression). */
export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  /** Construct path of the resource (of the suppressed scope, for an unused suppression). */
  readonly path: string;
  /** Terraform address of the resource; absent for an unused suppression on a non-resource construct. */
  readonly address?: string;
  readonly status: RuleStatus;
  readonly reason?: string;
  /** Set when a suppression covers this non-compliant finding. */
  readonly suppressed?: { readonly reason: string; readonly path: string };
}

/** Runs a rule, turning a throw or a malformed result into a non-compliant result. */
export function runRule(rule: GuardrailRule, resource: ResourceView, view: StackView, options: GuardrailOptions): RuleResult {
  try {
    const result = rule.check(resource, view, options);
    if (result.status === 'non-compliant' && (typeof result.reason !== 'string' || result.reason.trim() === '')) {
      return { status: 'non-compliant', reason: 'rule returned non-compliant without a reason' };
    }
    return result;
  } catch (error) {
    return { status: 'non-compliant', reason: `rule threw: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The resources a rule inspects: every element of its resource types, each once, sorted by address. */
function resourcesFor(rule: GuardrailRule, view: StackView): ResourceView[] {
  const seen = new Set<string>();
  return rule.resourceTypes
    .flatMap((t) => view.byType(t))
    .filter((r) => (seen.has(r.address) ? false : (seen.add(r.address), true)))
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/** Runs `rules` on a view; no suppressions applied. */
export function evaluateView(view: StackView, options: GuardrailOptions, rules: readonly GuardrailRule[] = ALL_RULES): Finding[] {
  return rules.flatMap((rule) =>
    resourcesFor(rule, view).map((resource): Finding => {
      const result = runRule(rule, resource, view, options);
      return {
        ruleId: rule.id,
        title: rule.title,
        severity: rule.severity,
        path: resource.path,
        address: resource.address,
        status: result.status,
        ...(result.reason !== undefined ? { reason: result.reason } : {}),
      };
    }),
  );
}

/** The nearest (deepest) suppression of `finding`'s rule that covers its path. */
function nearestSuppression(finding: Finding, suppressions: readonly Suppression[]): Suppression | undefined {
  return suppressions
    .filter((s) => s.ruleId === finding.ruleId && covers(s.path, finding.path))
    .reduce<Suppression | undefined>((best, s) => (best === undefined || s.path.length > best.path.length ? s : best), undefined);
}

/**
 * Marks each non-compliant finding covered by a suppression of its rule (the nearest one gives
 * the reason) and reports, as non-compliant {@link UNUSED_SUPPRESSION_RULE_ID} findings, the
 * suppressions of evaluated rules that covered no non-compliant finding.
 */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  rules: readonly GuardrailRule[],
  addressOf: (path: string) => string | undefined = () => undefined,
): Finding[] {
  const used = new Set<Suppression>();
  const applied = findings.map((f): Finding => {
    if (f.status !== 'non-compliant') return f;
    const matching = suppressions.filter((s) => s.ruleId === f.ruleId && covers(s.path, f.path));
    matching.forEach((s) => used.add(s));
    const nearest = nearestSuppression(f, matching);
    return nearest ? { ...f, suppressed: { reason: nearest.reason, path: nearest.path } } : f;
  });
  const evaluated = new Set(rules.map((r) => r.id));
  const unused = suppressions
    .filter((s) => evaluated.has(s.ruleId) && !used.has(s))
    .map((s): Finding => {
      const address = addressOf(s.path);
      return {
        ruleId: UNUSED_SUPPRESSION_RULE_ID,
        title: 'Suppression matched no finding',
        severity: 'medium',
        path: s.path,
        ...(address !== undefined ? { address } : {}),
        status: 'non-compliant',
        reason: `the suppression of ${s.ruleId} ("${s.reason}") covers no non-compliant finding of that rule; remove it (the resource is compliant now, or the suppression sits on the wrong construct)`,
      };
    });
  return [...applied, ...unused];
}

/**
 * Evaluates `rules` on every resource of `stack` and applies the suppressions found in the
 * stack's construct tree. Returns every finding (compliant, not-applicable, non-compliant,
 * suppressed) plus one finding per unused suppression.
 */
export function evaluateStack(stack: TerraformStack, options: GuardrailOptions, rules: readonly GuardrailRule[] = ALL_RULES): Finding[] {
  const view = buildStackView(stack);
  const addresses = new Map(view.resources.map((r) => [r.path, r.address]));
  return applySuppressions(evaluateView(view, options, rules), suppressionsWithin(stack), rules, (path) => addresses.get(path));
}

/** The findings that must stop synthesis: non-compliant and not suppressed. */
export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.status === 'non-compliant' && f.suppressed === undefined);
}
