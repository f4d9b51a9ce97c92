/**
 * What an interrupted apply left in the account without recording it in state: every resource of
 * the synthesized stack that state lacks is looked up by its strategy (strategies.ts). Found ones
 * become `recovered` import IDs (config/<env>.imports.json), which synth turns into import blocks
 * as it does for adoption, so the next apply takes them over instead of failing on "already
 * exists" or creating a second VPC.
 */
import type { AwsClients } from '../adopt/aws';
import type { TerraformStateResource } from '../terraform';
import { STRATEGIES, type Found } from './strategies';

/** The parts of a synthesized stack read here. */
export interface StackResources {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
}

export interface Recovery {
  /** Resources of the stack that state holds. */
  readonly recorded: number;
  /** Unrecorded, and in the account: to import. */
  readonly found: readonly { readonly address: string; readonly id: string; readonly by: string }[];
  /** Unrecorded, and not in the account: the next apply creates them. */
  readonly notCreated: readonly string[];
  /** Unrecorded, created by a put the next apply repeats. */
  readonly rewritten: readonly { readonly address: string; readonly why: string }[];
  /** Unrecorded, Terraform-only. */
  readonly local: readonly string[];
  /** More than one candidate: a person decides. */
  readonly ambiguous: readonly { readonly address: string; readonly ids: readonly string[] }[];
  /** Unrecorded, and this tool cannot look them up. */
  readonly manual: readonly { readonly address: string; readonly how: string }[];
  /** Unrecorded, needing a reference to a resource neither in state nor found. */
  readonly unresolved: readonly { readonly address: string; readonly needs: readonly string[] }[];
}

/** True when a person must act before the next apply. */
export function needsAttention(r: Recovery): boolean {
  return r.ambiguous.length > 0 || r.manual.length > 0 || r.unresolved.length > 0;
}

const REFERENCE = /\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z_]+)\}/g;
const WHOLE_REFERENCE = /^\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z_]+)\}$/;

/** The addresses a configuration references. */
export function referencedAddresses(config: unknown): string[] {
  return [...new Set([...JSON.stringify(config).matchAll(REFERENCE)].map((m) => m[1]!))];
}

/**
 * Resolves a configuration value: a literal is itself; a whole reference `${address.attr}` is the
 * attribute of that resource in state, or of one found in this run; anything else is unknown.
 */
export function resolver(
  state: ReadonlyMap<string, Readonly<Record<string, unknown>>>,
  found: ReadonlyMap<string, Found>,
): (value: unknown) => string | undefined {
  return (value) => {
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string' || value === '') return undefined;
    if (!value.includes('${')) return value;
    const m = WHOLE_REFERENCE.exec(value);
    if (!m) return undefined;
    const [, address, attribute] = m as unknown as [string, string, string];
    const fromState = state.get(address)?.[attribute];
    if (typeof fromState === 'string' || typeof fromState === 'number') return String(fromState);
    return found.get(address)?.attributes[attribute];
  };
}

/** Finds what state lacks. `state` is `terraform show -json`'s resources (data sources included). */
export async function findUnrecorded(stack: StackResources, state: readonly TerraformStateResource[], c: AwsClients): Promise<Recovery> {
  const stateValues = new Map(state.map((r) => [r.address, r.values]));
  const claimed = new Set(
    state.flatMap((r) => [r.values.id, r.values.arn].filter((v): v is string => typeof v === 'string').map((v) => `${r.type} ${v}`)),
  );
  const foundSoFar = new Map<string, Found>();
  const resolve = resolver(stateValues, foundSoFar);

  const result = {
    recorded: 0,
    found: [] as { address: string; id: string; by: string }[],
    notCreated: [] as string[],
    rewritten: [] as { address: string; why: string }[],
    local: [] as string[],
    ambiguous: [] as { address: string; ids: string[] }[],
    manual: [] as { address: string; how: string }[],
    unresolved: [] as { address: string; needs: string[] }[],
  };
  let pending: { address: string; type: string; config: Record<string, unknown> }[] = [];
  for (const [type, byName] of Object.entries(stack.resource ?? {})) {
    for (const [name, config] of Object.entries(byName)) {
      const address = `${type}.${name}`;
      if (stateValues.has(address)) {
        result.recorded += 1;
        continue;
      }
      const strategy = STRATEGIES[type];
      if (!strategy) result.manual.push({ address, how: `no lookup for ${type}: check the account for it by hand` });
      else if (strategy.kind === 'upsert') result.rewritten.push({ address, why: strategy.why });
      else if (strategy.kind === 'local') result.local.push(address);
      else if (strategy.kind === 'manual') result.manual.push({ address, how: strategy.how });
      else pending.push({ address, type, config });
    }
  }

  // Parents first: a child is looked up once what it references is known.
  for (let progress = true; progress && pending.length > 0; ) {
    progress = false;
    const next: typeof pending = [];
    for (const item of pending) {
      const strategy = STRATEGIES[item.type]!;
      if (strategy.kind !== 'find') continue;
      const candidates = await strategy.find({ c, resolve }, item.config);
      if (candidates === 'unresolved') {
        next.push(item);
        continue;
      }
      progress = true;
      const free = candidates.filter((f) => !claimed.has(`${item.type} ${f.id}`) && !claimed.has(`${item.type} ${f.attributes.arn ?? ''}`));
      if (free.length === 0) result.notCreated.push(item.address);
      else if (free.length > 1) result.ambiguous.push({ address: item.address, ids: free.map((f) => f.id) });
      else {
        foundSoFar.set(item.address, free[0]!);
        result.found.push({ address: item.address, id: free[0]!.id, by: strategy.by });
      }
    }
    pending = next;
  }

  // What is still unresolved references something: if that was not created, neither was it.
  const absent = new Set(result.notCreated);
  for (let changed = true; changed; ) {
    changed = false;
    for (const item of [...pending]) {
      if (referencedAddresses(item.config).some((a) => absent.has(a))) {
        absent.add(item.address);
        result.notCreated.push(item.address);
        pending = pending.filter((p) => p !== item);
        changed = true;
      }
    }
  }
  for (const item of pending) {
    result.unresolved.push({
      address: item.address,
      needs: referencedAddresses(item.config).filter((a) => !stateValues.has(a) && !foundSoFar.has(a)),
    });
  }
  return result;
}
