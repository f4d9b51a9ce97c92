/**
 * Typed accessors over synthesized Terraform JSON that the construct tests share (the helpers in
 * __tests__/helpers/synth.ts cover resources; these add data sources, outputs, references and
 * IAM policy-document statements).
 */
import { resourcesOf, type SynthJson } from './synth';

/** A statement of an `aws_iam_policy_document` data source, as synthesized (snake_case). */
export interface PolicyStatement {
  readonly sid?: string;
  readonly effect?: string;
  readonly actions?: readonly string[];
  readonly resources?: readonly string[];
  readonly principals?: readonly { readonly type: string; readonly identifiers: readonly string[] }[];
  readonly condition?: readonly { readonly test: string; readonly variable: string; readonly values: readonly string[] }[];
}

/** All data sources of one type, by construct-derived name. */
export function dataSourcesOf(synth: string, type: string): Record<string, Record<string, unknown>> {
  return (JSON.parse(synth) as SynthJson).data?.[type] ?? {};
}

/** Values of the stack outputs, by output name. */
export function outputsOf(synth: string): Record<string, unknown> {
  const outputs = (JSON.parse(synth) as SynthJson).output ?? {};
  return Object.fromEntries(Object.entries(outputs).map(([name, o]) => [name, o.value]));
}

/** Every resource type present in the synthesized JSON. */
export function resourceTypesOf(synth: string): string[] {
  return Object.keys((JSON.parse(synth) as SynthJson).resource ?? {});
}

/**
 * The Terraform reference (`${type.name.attribute}`) of the only resource of `type` that satisfies
 * `match`; fails when none or several do.
 */
export function referenceTo(synth: string, type: string, match: (resource: Record<string, unknown>) => boolean, attribute = 'id'): string {
  const names = Object.entries(resourcesOf(synth, type))
    .filter(([, resource]) => match(resource))
    .map(([name]) => name);
  if (names.length !== 1) throw new Error(`expected exactly one matching ${type}, found ${names.length}`);
  return '${' + `${type}.${names[0]!}.${attribute}` + '}';
}

/** The reference of the only data source of `type` (`${data.type.name.attribute}`). */
export function dataReferenceTo(synth: string, type: string, attribute = 'id'): string {
  const names = Object.keys(dataSourcesOf(synth, type));
  if (names.length !== 1) throw new Error(`expected exactly one ${type} data source, found ${names.length}`);
  return '${' + `data.${type}.${names[0]!}.${attribute}` + '}';
}

/**
 * Statements of the `aws_iam_policy_document` data sources, keyed by the construct-derived name
 * of the document.
 */
export function policyDocumentsOf(synth: string): Record<string, readonly PolicyStatement[]> {
  return Object.fromEntries(
    Object.entries(dataSourcesOf(synth, 'aws_iam_policy_document')).map(([name, doc]) => [
      name,
      (doc.statement ?? []) as readonly PolicyStatement[],
    ]),
  );
}

/** Statements of the only policy document whose construct-derived name contains `fragment`. */
export function statementsOf(synth: string, fragment: string): readonly PolicyStatement[] {
  const matches = Object.entries(policyDocumentsOf(synth)).filter(([name]) => name.includes(fragment));
  if (matches.length !== 1) throw new Error(`expected one policy document named *${fragment}*, found ${matches.length}`);
  return matches[0]![1];
}

/** True for `*` and for a whole-service wildcard such as `s3:*` or `kms:*`. */
export function isWildcardAction(action: string): boolean {
  return action === '*' || /^[a-z0-9-]+:\*$/i.test(action);
}

/** The only statement with `sid`; fails when there is none or several. */
export function bySid<T extends { readonly sid?: string }>(statements: readonly T[], sid: string): T {
  const found = statements.filter((s) => s.sid === sid);
  if (found.length !== 1) throw new Error(`expected one statement ${sid}, found ${found.length}`);
  return found[0]!;
}
