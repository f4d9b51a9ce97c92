/**
 * The kinds of recovery strategy (see strategies.ts) and the helpers the lookups share.
 */
import type { Filter } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../adopt/aws';

/** What a lookup sees of the stack around a resource. */
export interface FindContext {
  readonly c: AwsClients;
  /**
   * A configuration value as the account knows it: a literal, or a reference `${type.name.attr}`
   * to a resource in state or found earlier in this run; undefined when not known (yet).
   */
  resolve(value: unknown): string | undefined;
}

/** A resource found in the account: its import ID and the attributes others reference. */
export interface Found {
  readonly id: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** `unresolved`: a reference it needs (its VPC, its group, its listener) is not known yet. */
export type FindResult = readonly Found[] | 'unresolved';

export type Strategy =
  | {
      readonly kind: 'find';
      /** What identifies it, for the report. */
      readonly by: string;
      find(ctx: FindContext, config: Record<string, unknown>): Promise<FindResult>;
    }
  | { readonly kind: 'upsert'; readonly why: string }
  | { readonly kind: 'local'; readonly why: string }
  | { readonly kind: 'manual'; readonly how: string };

export type Config = Record<string, unknown>;

export const literal = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' && !v.includes('${') ? v : undefined);
export const nameTag = (config: Config): string | undefined => literal((config.tags as Config | undefined)?.Name);
export const first = (v: unknown): Config => (Array.isArray(v) ? ((v[0] as Config | undefined) ?? {}) : ((v as Config | undefined) ?? {}));
export const found = (id: string | undefined, attributes: Record<string, string | undefined> = {}): Found[] =>
  id === undefined
    ? []
    : [
        {
          id,
          attributes: Object.fromEntries(Object.entries({ id, ...attributes }).filter(([, v]) => v !== undefined)) as Record<
            string,
            string
          >,
        },
      ];

/** A lookup by a literal attribute; a resource without it cannot be identified (`unresolved`). */
export function byName(attribute: string, lookup: (c: AwsClients, name: string, config: Config) => Promise<Found[]>): Strategy {
  return {
    kind: 'find',
    by: attribute,
    find: async (ctx, config) => {
      const name = ctx.resolve(config[attribute]);
      return name === undefined ? 'unresolved' : lookup(ctx.c, name, config);
    },
  };
}

/** An EC2 lookup by the Name tag (and the VPC, when it is known). */
export function byNameTag(lookup: (c: AwsClients, filters: Filter[]) => Promise<Found[]>): Strategy {
  return {
    kind: 'find',
    by: 'the Name tag',
    find: async (ctx, config) => {
      const name = nameTag(config);
      if (name === undefined) return 'unresolved';
      const vpc = config.vpc_id === undefined ? undefined : ctx.resolve(config.vpc_id);
      if (config.vpc_id !== undefined && vpc === undefined) return 'unresolved';
      return lookup(ctx.c, [{ Name: 'tag:Name', Values: [name] }, ...(vpc ? [{ Name: 'vpc-id', Values: [vpc] }] : [])]);
    },
  };
}

export const upsert = (why: string): Strategy => ({ kind: 'upsert', why });
export const S3_SETTING = upsert('a put on the bucket: the next apply writes it again');
