/**
 * Stack outputs a construct offers: what an operator needs after a deploy. The construct names
 * and describes them; a stack decides which to export (outputs are created at stack level, so
 * their names stay the names users script against).
 */
import { TerraformOutput, type TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';

export interface OutputSpec {
  readonly value: string;
  readonly description: string;
}

/** Outputs by Terraform output name. */
export type Outputs = Readonly<Record<string, OutputSpec>>;

/** True for a construct that offers outputs. */
function offersOutputs(node: IConstruct): node is IConstruct & { readonly outputs: Outputs } {
  const outputs = (node as { outputs?: unknown }).outputs;
  return typeof outputs === 'object' && outputs !== null;
}

/**
 * Exports, as stack outputs, what every construct directly in `stack` offers. An output name
 * offered twice is an error (it would silently replace the first).
 */
export function exportOutputs(stack: TerraformStack): void {
  const seen = new Map<string, string>();
  for (const child of stack.node.children.filter(offersOutputs)) {
    for (const [name, spec] of Object.entries(child.outputs)) {
      const first = seen.get(name);
      if (first !== undefined) {
        throw new Error(`Output "${name}" is offered by both ${first} and ${child.node.path}; rename one of them.`);
      }
      seen.set(name, child.node.path);
      new TerraformOutput(stack, name, { value: spec.value, description: spec.description });
    }
  }
}
