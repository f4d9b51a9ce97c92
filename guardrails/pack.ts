/**
 * The guardrails as a cdktf Aspect. cdktf 0.21 invokes aspects at synthesis
 * (`StackSynthesizer.synthesize` → `invokeAspects(stack)`, also `Testing.synth`), when the
 * construct tree is complete. It walks the tree depth-first, pre-order, starting at the stack
 * (aspects added to the App are never invoked), calling every inherited aspect on each node. So
 * that changes other aspects make while visiting earlier nodes are seen, the pack evaluates a
 * stack when it visits the stack's *last* construct in that order (fixed when the pack first
 * visits the stack), and only once per stack and pack — add it to the stack, as
 * {@link applyGuardrails} does, not to a construct inside it. Then
 * it adds an error annotation to the construct of every blocking finding; the synthesizer
 * collects annotations right after the aspects and `app.synth()` throws
 * "Encountered Annotations with level "ERROR": [<path>] [FIN-XX] <title>: <reason>".
 * (`Testing.synth(stack, true)` runs validations only; it does not throw on annotations —
 * `Testing.fullSynth(stack)` and `app.synth()` do.)
 */
import type { IAspect } from 'cdktf';
import { Annotations, Aspects, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { Finding } from './evaluate';
import { blockingFindings, evaluateStack } from './evaluate';
import type { GuardrailOptions, GuardrailRule } from './rule';
import { ALL_RULES } from './rules';

/** The message of a finding's annotation: `[FIN-XX] <title>: <reason>`. */
export function formatFinding(finding: Finding): string {
  return `[${finding.ruleId}] ${finding.title}: ${finding.reason ?? 'non-compliant'}`;
}

/** The last construct of `stack` in the aspect traversal (pre-order, children in order). */
function lastConstructOf(stack: TerraformStack): IConstruct {
  let node: IConstruct = stack;
  for (let children = node.node.children; children.length > 0; children = node.node.children) {
    node = children[children.length - 1] as IConstruct;
  }
  return node;
}

/** The innermost TerraformStack containing `node` (itself included). */
function stackOf(node: IConstruct): TerraformStack | undefined {
  return node.node.scopes.filter((s): s is TerraformStack => TerraformStack.isStack(s)).pop();
}

/** Evaluates the guardrails once per TerraformStack and turns blocking findings into error annotations. */
export class GuardrailsPack implements IAspect {
  private readonly evaluated = new WeakSet<TerraformStack>();
  /** Per stack, the construct whose visit triggers the evaluation (fixed at the first visit in the stack). */
  private readonly trigger = new WeakMap<TerraformStack, IConstruct>();

  public constructor(
    private readonly options: GuardrailOptions,
    private readonly rules: readonly GuardrailRule[] = ALL_RULES,
  ) {}

  public visit(node: IConstruct): void {
    const stack = stackOf(node);
    if (stack === undefined || this.evaluated.has(stack)) return;
    if (!this.trigger.has(stack)) this.trigger.set(stack, lastConstructOf(stack));
    if (this.trigger.get(stack) !== node) return;
    this.evaluated.add(stack);
    const findings = blockingFindings(evaluateStack(stack, this.options, this.rules));
    if (findings.length === 0) return;
    const byPath = new Map(stack.node.findAll().map((c) => [c.node.path, c]));
    for (const finding of findings) {
      Annotations.of(byPath.get(finding.path) ?? stack).addError(formatFinding(finding));
    }
  }
}

/** Adds the guardrails to `stack`: `app.synth()` then fails on any unsuppressed non-compliant finding. */
export function applyGuardrails(stack: TerraformStack, options: GuardrailOptions): GuardrailsPack {
  const pack = new GuardrailsPack(options);
  Aspects.of(stack).add(pack);
  return pack;
}
