/**
 * A small seeded generator of bad environment files, for property-based tests without a library:
 * a deterministic PRNG (mulberry32) and mutations at random JSON paths — wrong types,
 * out-of-range numbers, malformed IDs and ARNs, unknown keys, missing sections, huge strings —
 * plus text-level damage that makes a file not JSON. Every case carries its seed, so a failure
 * can be replayed exactly (`FUZZ_SEED=<seed>`).
 */

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  private readonly next: () => number;
  public constructor(public readonly seed: number) {
    this.next = mulberry32(seed);
  }
  public float(): number {
    return this.next();
  }
  public int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  public pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
  public chance(p: number): boolean {
    return this.next() < p;
  }
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonPath = readonly (string | number)[];

/** Every path in a JSON value (the root excluded), depth first. */
export function pathsOf(value: Json, prefix: JsonPath = []): JsonPath[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  }
  return [];
}

export function getAt(value: Json, path: JsonPath): Json | undefined {
  let current: Json | undefined = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, Json>)[key];
  }
  return current;
}

function setAt(root: Json, path: JsonPath, value: Json | undefined): void {
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, Json> | Json[];
  const key = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key as string];
  } else {
    (parent as Record<string | number, Json>)[key] = value;
  }
}

const UNICODE = ['é', 'ß', '日本', '🚀', '\u0000', '\u202e', ' ', '\t', '\n', '"', '\\', '${x}', '%s', '<script>'];

/** A string that is almost a valid value: damaged the way a typo or a copy-paste damages an ID or ARN. */
function damagedString(random: Random, s: string): string {
  switch (random.int(0, 8)) {
    case 0:
      return s.slice(0, random.int(0, Math.max(0, s.length - 1)));
    case 1:
      return `${s}${random.pick(['x', '-', ':', '/', '0', 'Z', ' '])}`;
    case 2:
      return s.toUpperCase();
    case 3: {
      const at = random.int(0, s.length);
      return `${s.slice(0, at)}${random.pick(UNICODE)}${s.slice(at)}`;
    }
    case 4:
      return s.replace(/^[a-z]+-/, (p) => `${p.slice(0, -2)}x-`);
    case 5:
      return s.replace(/\d/g, (d) => String((Number(d) + 1) % 10)).replace(/[0-9a-f]$/, 'g');
    case 6:
      return s.split(':').slice(0, random.int(1, 6)).join(':');
    case 7:
      return '';
    default:
      return ` ${s} `;
  }
}

const NUMBERS = [-1, 0, 1, 2, 3.5, -0.5, 65536, 65535, 1e6, 2147483648, 1e21, Number.MAX_SAFE_INTEGER, -1e9, 0.1];

/** A value of another type (or shape) than `value`. */
function wrongType(random: Random, value: Json): Json {
  const candidates: Json[] = [null, true, false, 0, 42, '', 'text', [], [1, 'a'], {}, { a: 1 }, '512', 'true', [[[]]]];
  const different = candidates.filter((c) => JSON.stringify(c) !== JSON.stringify(value) && typeof c !== typeof value);
  return random.pick(different.length > 0 ? different : candidates);
}

export type MutationKind =
  | 'wrong-type'
  | 'number'
  | 'string'
  | 'unknown-key'
  | 'missing'
  | 'huge-string'
  | 'duplicate-item'
  | 'swap-section';

export interface Mutation {
  readonly kind: MutationKind;
  readonly path: JsonPath;
  readonly description: string;
}

/** Applies one random mutation to a deep copy of `base`. */
export function mutate(random: Random, base: Json): { data: Json; mutation: Mutation } {
  const data = structuredClone(base);
  const paths = pathsOf(data);
  const kind = random.pick<MutationKind>([
    'wrong-type',
    'number',
    'string',
    'unknown-key',
    'missing',
    'huge-string',
    'duplicate-item',
    'swap-section',
  ]);
  const leafPaths = paths.filter((p) => {
    const v = getAt(data, p);
    return v === null || typeof v !== 'object';
  });
  const objectPaths: JsonPath[] = [
    [],
    ...paths.filter((p) => {
      const v = getAt(data, p);
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    }),
  ];
  const describe = (path: JsonPath, what: string): Mutation => ({
    kind,
    path,
    description: `${kind} at ${path.join('.') || '(root)'}: ${what}`,
  });

  switch (kind) {
    case 'number': {
      const numeric = leafPaths.filter((p) => typeof getAt(data, p) === 'number');
      const path = random.pick(numeric.length > 0 ? numeric : leafPaths);
      const value = random.pick(NUMBERS);
      setAt(data, path, value);
      return { data, mutation: describe(path, String(value)) };
    }
    case 'string': {
      const strings = leafPaths.filter((p) => typeof getAt(data, p) === 'string');
      const path = random.pick(strings);
      const value = damagedString(random, getAt(data, path) as string);
      setAt(data, path, value);
      return { data, mutation: describe(path, JSON.stringify(value).slice(0, 80)) };
    }
    case 'huge-string': {
      const path = random.pick(paths);
      const value = random.pick(['a', '-', '9', 'é', ' ']).repeat(random.pick([300, 5_000, 100_000]));
      setAt(data, path, value);
      return { data, mutation: describe(path, `${value.length} characters`) };
    }
    case 'unknown-key': {
      const path = random.pick(objectPaths);
      const key = random.pick(['extra', 'Name', 'cpuUnits', 'desired_count', '__proto__', 'constructor', 'mode ', '', 'service']);
      // An own property, as JSON.parse makes it (a plain assignment to __proto__ would set the prototype).
      Object.defineProperty(getAt(data, path), key, {
        value: random.pick<Json>([1, 'x', true, null, {}]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return { data, mutation: describe([...path, key], 'added') };
    }
    case 'missing': {
      const path = random.pick(paths);
      setAt(data, path, undefined);
      return { data, mutation: describe(path, 'removed') };
    }
    case 'duplicate-item': {
      const arrays = paths.filter((p) => Array.isArray(getAt(data, p)) && (getAt(data, p) as Json[]).length > 0);
      if (arrays.length === 0) break;
      const path = random.pick(arrays);
      const list = getAt(data, path) as Json[];
      list.push(structuredClone(list[0]!));
      return { data, mutation: describe(path, 'first item repeated') };
    }
    case 'swap-section': {
      const sections = Object.keys(data as Record<string, Json>);
      const a = random.pick(sections);
      const b = random.pick(sections);
      const record = data as Record<string, Json>;
      [record[a], record[b]] = [record[b]!, record[a]!];
      return { data, mutation: describe([a], `swapped with ${b}`) };
    }
    default:
      break;
  }
  const path = random.pick(paths);
  const value = wrongType(random, getAt(data, path)!);
  setAt(data, path, value);
  return { data, mutation: { kind: 'wrong-type', path, description: `wrong-type at ${path.join('.')}: ${JSON.stringify(value)}` } };
}

/** Text-level damage: the file stops being JSON (or becomes JSON of another shape). */
export function damageText(random: Random, text: string): { text: string; description: string } {
  switch (random.int(0, 6)) {
    case 0: {
      const at = random.int(0, text.length - 1);
      return { text: text.slice(0, at), description: `truncated at ${at}` };
    }
    case 1: {
      const at = random.int(0, text.length);
      const c = random.pick(['{', '}', ',', '"', ':', ']', '\u0000', '\ufeff', '//', '/*']);
      return { text: `${text.slice(0, at)}${c}${text.slice(at)}`, description: `${JSON.stringify(c)} inserted at ${at}` };
    }
    case 2:
      return { text: text.replace(/,(\s*[}\]])/, ',,$1'), description: 'a doubled comma' };
    case 3:
      return { text: random.pick(['', ' ', 'null', '[]', '"production"', '42', 'true', '{}']), description: 'not an object' };
    case 4:
      return { text: text.replace(/"(\w+)":/, '$1:'), description: 'an unquoted key' };
    case 5:
      return { text: `\ufeff${text}`, description: 'a byte-order mark' };
    default:
      return { text: text.replace(/}\s*$/, '},'), description: 'a trailing comma' };
  }
}
