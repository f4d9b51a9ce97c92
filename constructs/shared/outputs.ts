/**
 * Stack outputs a construct offers: what an operator needs after a deploy. The construct names
 * and describes them; a stack decides which to export (outputs are created at stack level, so
 * their names stay the names users script against).
 */
import { TerraformOutput, type TerraformStack } from 'cdktf';

export interface OutputSpec {
  readonly value: string;
  readonly description: string;
}

/** Outputs by Terraform output name. */
export type Outputs = Readonly<Record<string, OutputSpec>>;

/** Creates a stack output for every output of every source, in order. */
export function exportOutputs(stack: TerraformStack, sources: readonly { readonly outputs: Outputs }[]): void {
  for (const source of sources) {
    for (const [name, spec] of Object.entries(source.outputs)) {
      new TerraformOutput(stack, name, { value: spec.value, description: spec.description });
    }
  }
}
