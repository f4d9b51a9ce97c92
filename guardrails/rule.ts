/**
 * The guardrail model: what a rule sees (a {@link ResourceView} inside a {@link StackView}, both
 * built from the resolved Terraform JSON of one stack) and what it answers (a {@link RuleResult}).
 * Modelled on cdk-nag's NagPack rules, adapted to cdktf: a rule inspects the JSON exactly as it
 * will be synthesized, so a check reads the same attribute names Terraform does.
 */

/** Outcome of one rule on one resource. */
export type RuleStatus = 'compliant' | 'non-compliant' | 'not-applicable';

/** How much a violation matters. `high`: exposure or privilege escalation; `medium`: missing defence in depth or audit trail; `low`: hygiene. */
export type Severity = 'high' | 'medium' | 'low';

/** The answer of a rule. `reason` is required when non-compliant: what is wrong (naming the bad value) and how to fix it. */
export type RuleResult =
  | { readonly status: 'compliant'; readonly reason?: string }
  | { readonly status: 'not-applicable'; readonly reason?: string }
  | { readonly status: 'non-compliant'; readonly reason: string };

/** Options that change what a rule requires. */
export interface GuardrailOptions {
  /** Production-like environments must protect what is expensive to lose (e.g. ALB deletion protection). */
  readonly productionLike: boolean;
}

/** Whether an element is a managed resource (`resource` block) or a data source (`data` block). */
export type ResourceMode = 'managed' | 'data';

/** One resource or data source of a stack, as synthesized. */
export interface ResourceView {
  /** Terraform type, e.g. `aws_lb` (also for data sources: `aws_iam_policy_document`). */
  readonly type: string;
  /** Terraform name in the JSON (cdktf's friendly unique ID), e.g. `load-balancer_alb_15AADC07`. */
  readonly name: string;
  /** `${type}.${name}`, or `data.${type}.${name}` for a data source. */
  readonly address: string;
  /** Construct path, e.g. `delivery-production/load-balancer/alb`. */
  readonly path: string;
  /** The resolved Terraform JSON of this element, exactly as synthesized (tokens are `${...}` strings). */
  readonly config: Readonly<Record<string, unknown>>;
  readonly mode: ResourceMode;
}

/** A parsed Terraform reference expression `${<address>.<attribute>...}`. */
export interface TerraformReference {
  /** `aws_lb.foo` or `data.aws_iam_policy_document.bar`. */
  readonly address: string;
  /** Type, with `data.` in front for a data source (the form {@link StackView.byType} takes). */
  readonly type: string;
  readonly name: string;
  readonly mode: ResourceMode;
  /** First attribute after the address (`arn`, `id`, `json`, ...); undefined for a bare address. */
  readonly attribute?: string;
}

/** An IAM principal, in the shape of `aws_iam_policy_document` (`{ type, identifiers }`). */
export interface PolicyPrincipal {
  /** `AWS`, `Service`, `Federated`, `CanonicalUser` or `*` (anyone). */
  readonly type: string;
  readonly identifiers: readonly string[];
}

/** An IAM condition, in the shape of `aws_iam_policy_document` (`{ test, variable, values }`). */
export interface PolicyCondition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

/**
 * One IAM policy statement, normalised to the snake_case shape of the `aws_iam_policy_document`
 * data source whatever its origin (data source or literal JSON). Lists are never undefined.
 */
export interface PolicyStatement {
  readonly sid?: string;
  /** `Allow` when the source omits it (the data source's default). */
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly not_actions: readonly string[];
  readonly resources: readonly string[];
  readonly not_resources: readonly string[];
  readonly principals: readonly PolicyPrincipal[];
  readonly not_principals: readonly PolicyPrincipal[];
  readonly condition: readonly PolicyCondition[];
}

/** Every resource and data source of one TerraformStack, resolved once, with lookups between them. */
export interface StackView {
  /** Construct ID of the stack. */
  readonly stackName: string;
  /** Every managed resource and data source, sorted by address. */
  readonly resources: readonly ResourceView[];
  /** Elements of a type, sorted by address: `aws_vpc` for resources, `data.aws_vpc` for data sources. */
  byType(type: string): readonly ResourceView[];
  /** The element at an address (`aws_lb.foo`, `data.aws_vpc.bar`). */
  byAddress(address: string): ResourceView | undefined;
  /** When `value` is exactly one reference expression (`${aws_lb.foo.arn}`), the parsed reference. */
  reference(value: unknown): TerraformReference | undefined;
  /** When `value` is exactly one reference expression, the referenced address (`aws_lb.foo`, `data.aws_iam_policy_document.x`). */
  referencedAddress(value: unknown): string | undefined;
  /** True when `value` is a reference to an element of `type` (`aws_s3_bucket`, `data.aws_vpc`). */
  references(value: unknown, type: string): boolean;
  /**
   * The statements of an IAM policy given as a `${data.aws_iam_policy_document.X.json}` reference or
   * as a literal JSON document; undefined when the value cannot be read as a policy.
   */
  policyDocument(value: unknown): readonly PolicyStatement[] | undefined;
}

/** A synth-time check, one per file under `guardrails/rules/`. */
export interface GuardrailRule {
  /** Stable ID used in findings and suppressions, e.g. `FIN-SG1`. */
  readonly id: string;
  /** Short statement of the requirement, e.g. "No ingress from the whole internet". */
  readonly title: string;
  readonly severity: Severity;
  /** One or two sentences: what is checked. */
  readonly description: string;
  /** External equivalents, e.g. `checkov CKV_AWS_260`, `Security Hub EC2.18`, `cdk-nag AwsSolutions-EC23`. */
  readonly mirrors: readonly string[];
  /** Terraform types the rule inspects (`data.<type>` for data sources). */
  readonly resourceTypes: readonly string[];
  /** Pure: no side effects, same input → same output. May throw; the evaluator turns that into a finding. */
  check(resource: ResourceView, stack: StackView, options: GuardrailOptions): RuleResult;
}

/** A compliant result. */
export function compliant(reason?: string): RuleResult {
  return reason === undefined ? { status: 'compliant' } : { status: 'compliant', reason };
}

/** A non-compliant result: `reason` names the bad value and says how to fix it. */
export function nonCompliant(reason: string): RuleResult {
  return { status: 'non-compliant', reason };
}

/** A not-applicable result (the resource is outside what the rule governs). */
export function notApplicable(reason?: string): RuleResult {
  return reason === undefined ? { status: 'not-applicable' } : { status: 'not-applicable', reason };
}

/** Non-compliant with every problem joined when there are any, else compliant. */
export function fromProblems(problems: readonly string[]): RuleResult {
  return problems.length === 0 ? compliant() : nonCompliant(problems.join('; '));
}
