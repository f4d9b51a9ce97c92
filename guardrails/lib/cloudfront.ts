/** CloudFront helpers: the cache behaviors of a distribution, each with a label for reasons. */
import type { ResourceView } from '../rule';
import { block, blocks, show, str } from './values';

/** One cache behavior of a distribution. */
export interface CacheBehavior {
  /** `default_cache_behavior` or `ordered_cache_behavior "/api/*"`. */
  readonly label: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/** The default behavior (an object in the JSON) and every ordered behavior (a list). */
export function cacheBehaviors(distribution: ResourceView): CacheBehavior[] {
  const defaultBehavior = block(distribution.config.default_cache_behavior);
  return [
    ...(defaultBehavior ? [{ label: 'default_cache_behavior', config: defaultBehavior }] : []),
    ...blocks(distribution.config.ordered_cache_behavior).map((b, i) => ({
      label: `ordered_cache_behavior ${str(b.path_pattern) !== undefined ? show(b.path_pattern) : `#${i + 1}`}`,
      config: b,
    })),
  ];
}
