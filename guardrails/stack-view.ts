/**
 * Builds the {@link StackView} of a TerraformStack: every TerraformResource and TerraformDataSource
 * in the stack's construct tree, each resolved once in the stack's scope. cdktf 0.21's
 * TerraformStack has no public `resolve()`; {@link resolveInStack} is what its `toTerraform()` does
 * internally (`Tokenization.resolve` with the default resolver and string concatenation), so tokens
 * become the `${...}` strings of the synthesized JSON. Resolution without the "preparing" flag has
 * no side effects (it does not register cross-stack outputs), and the views are deep-frozen so
 * rules cannot change them.
 */
import { DefaultTokenResolver, StringConcat, TerraformDataSource, TerraformResource, TerraformStack, Tokenization } from 'cdktf';
import type { IConstruct } from 'constructs';
import { statementFromBlock, statementsFromJsonText } from './policy';
import type { PolicyStatement, ResourceMode, ResourceView, StackView, TerraformReference } from './rule';
import { blocks, isRecord, strings } from './lib/values';

/** Roots of Terraform expressions that are not resources (`${var.x}`, `${local.y}`, ...). */
const NON_RESOURCE_ROOTS = new Set(['var', 'local', 'module', 'each', 'count', 'path', 'terraform', 'self']);

/** `${[data.]<type>.<name>[.attr | [index]]...}` and nothing else. */
const WHOLE_REFERENCE = /^\$\{(data\.)?([A-Za-z][\w-]*)\.([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*|\[[^\]]*\])*)\}$/;

/** Attributes of `aws_iam_policy_document` that hold the rendered document. */
const POLICY_DOCUMENT_ATTRIBUTES = new Set(['json', 'minified_json']);

/**
 * Parses a value that is exactly one reference expression (`${aws_lb.foo.arn}`,
 * `${data.aws_iam_policy_document.x.json}`); undefined for anything else (literals, function
 * calls, references with a suffix such as `${aws_s3_bucket.b.arn}/*`).
 */
export function parseReference(value: unknown): TerraformReference | undefined {
  if (typeof value !== 'string') return undefined;
  const match = WHOLE_REFERENCE.exec(value);
  if (!match) return undefined;
  const [, dataPrefix, type = '', name = '', rest = ''] = match;
  if (!dataPrefix && NON_RESOURCE_ROOTS.has(type)) return undefined;
  const mode: ResourceMode = dataPrefix ? 'data' : 'managed';
  const attribute = /^(?:\[[^\]]*\])*\.([A-Za-z_][\w-]*)/.exec(rest)?.[1];
  const qualifiedType = mode === 'data' ? `data.${type}` : type;
  return {
    address: `${qualifiedType}.${name}`,
    type: qualifiedType,
    name,
    mode,
    ...(attribute !== undefined ? { attribute } : {}),
  };
}

/** Resolves `value` in the scope of `stack`, exactly as the stack's `toTerraform()` does. */
export function resolveInStack(stack: TerraformStack, value: unknown): unknown {
  return Tokenization.resolve(value, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) }) as unknown;
}

/** Freezes a JSON value and everything inside it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The stack's Terraform elements that synthesize a `resource` or `data` block (nested stacks excluded). */
export function terraformElementsOf(stack: TerraformStack): (TerraformResource | TerraformDataSource)[] {
  return stack.node
    .findAll()
    .filter((c: IConstruct): c is TerraformResource | TerraformDataSource => isResourceOrDataSource(c) && TerraformStack.of(c) === stack);
}

function isResourceOrDataSource(c: IConstruct): boolean {
  return TerraformDataSource.isTerraformDataSource(c) || TerraformResource.isTerraformResource(c);
}

/** The view of one element, or undefined when it synthesizes no block (e.g. a moved resource). */
function viewOf(stack: TerraformStack, element: TerraformResource | TerraformDataSource): ResourceView | undefined {
  const mode: ResourceMode = TerraformDataSource.isTerraformDataSource(element) ? 'data' : 'managed';
  const resolved = resolveInStack(stack, element.toTerraform());
  const section = isRecord(resolved) ? resolved[mode === 'data' ? 'data' : 'resource'] : undefined;
  if (!isRecord(section)) return undefined;
  const type = element.terraformResourceType;
  const byName = section[type];
  if (!isRecord(byName)) return undefined;
  const [name, config] = Object.entries(byName)[0] ?? [];
  if (name === undefined || !isRecord(config)) return undefined;
  return deepFreeze({
    type,
    name,
    address: mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`,
    path: element.node.path,
    config,
    mode,
  });
}

/** A {@link StackView} over a fixed list of resource views. */
export class ResolvedStackView implements StackView {
  public readonly resources: readonly ResourceView[];
  private readonly addresses: ReadonlyMap<string, ResourceView>;
  private readonly types: ReadonlyMap<string, readonly ResourceView[]>;

  public constructor(
    public readonly stackName: string,
    resources: readonly ResourceView[],
  ) {
    this.resources = Object.freeze([...resources].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)));
    this.addresses = new Map(this.resources.map((r) => [r.address, r]));
    const types = new Map<string, ResourceView[]>();
    for (const r of this.resources) {
      const key = r.mode === 'data' ? `data.${r.type}` : r.type;
      types.set(key, [...(types.get(key) ?? []), r]);
    }
    this.types = types;
  }

  public byType(type: string): readonly ResourceView[] {
    return this.types.get(type) ?? [];
  }

  public byAddress(address: string): ResourceView | undefined {
    return this.addresses.get(address);
  }

  public reference(value: unknown): TerraformReference | undefined {
    return parseReference(value);
  }

  public referencedAddress(value: unknown): string | undefined {
    return parseReference(value)?.address;
  }

  public references(value: unknown, type: string): boolean {
    return parseReference(value)?.type === type;
  }

  public policyDocument(value: unknown): readonly PolicyStatement[] | undefined {
    return this.readPolicy(value, new Set());
  }

  private readPolicy(value: unknown, seen: Set<string>): PolicyStatement[] | undefined {
    const ref = parseReference(value);
    if (ref) {
      if (ref.type !== 'data.aws_iam_policy_document' || !POLICY_DOCUMENT_ATTRIBUTES.has(ref.attribute ?? '')) return undefined;
      const doc = this.byAddress(ref.address);
      if (!doc || seen.has(ref.address)) return undefined;
      return this.readPolicyDocumentData(doc, new Set([...seen, ref.address]));
    }
    return typeof value === 'string' ? statementsFromJsonText(value) : undefined;
  }

  /** Statements of an `aws_iam_policy_document`: its source documents, its own statements, its override documents. */
  private readPolicyDocumentData(doc: ResourceView, seen: Set<string>): PolicyStatement[] | undefined {
    const included = [...strings(doc.config.source_policy_documents), ...strings(doc.config.override_policy_documents)].map((d) =>
      this.readPolicy(d, seen),
    );
    if (included.some((s) => s === undefined)) return undefined;
    return [...included.flatMap((s) => s ?? []), ...blocks(doc.config.statement).map(statementFromBlock)];
  }
}

/** Resolves every resource and data source of `stack` once. Pure: the construct tree is not changed. */
export function buildStackView(stack: TerraformStack): StackView {
  const views = terraformElementsOf(stack)
    .map((element) => viewOf(stack, element))
    .filter((v): v is ResourceView => v !== undefined);
  return new ResolvedStackView(stack.node.id, views);
}
