/**
 * Which attributes a configuration manages, from the provider schemas (`terraform providers
 * schema -json`) and the synthesized configuration: a change to any other attribute is one a
 * plan would not undo, so it is not drift. Unmanaged are
 * - read-only attributes (computed, neither optional nor required): a restore time, a status;
 * - computed attributes, and blocks, the configuration leaves unset: their value comes from AWS or
 *   from other resources — a bucket's inline `policy` and `lifecycle_rule` (aws_s3_bucket_policy
 *   and aws_s3_bucket_lifecycle_configuration own them), a role's `inline_policy`
 *   (aws_iam_role_policy), a security group's `ingress`/`egress` (one aws_vpc_security_group_*_rule
 *   per rule). A rule added to a group by hand is therefore not drift either: a plan would not
 *   remove it.
 */
import type { UnmanagedAttribute } from './drift';

interface SchemaBlock {
  attributes?: Record<string, { computed?: boolean; optional?: boolean; required?: boolean }>;
  block_types?: Record<string, { block: SchemaBlock }>;
}

/** Provider schemas, as `terraform providers schema -json` prints them. */
export interface ProviderSchemas {
  provider_schemas?: Record<string, { resource_schemas?: Record<string, { block: SchemaBlock }> }>;
}

/** A synthesized configuration (cdk.tf.json): resources by type and name. */
export interface ResourceConfig {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
}

/** The configured value at `names` (list indices skipped: a block is an object or a list of them). */
function configuredAt(config: unknown, names: readonly string[]): unknown {
  let current = config;
  for (const name of names) {
    if (Array.isArray(current)) current = current[0];
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[name];
  }
  return current;
}

/** The attributes `config` does not manage, per resource address and attribute path. */
export function unmanagedAttributes(schemas: ProviderSchemas, config: ResourceConfig): UnmanagedAttribute {
  const resources = Object.assign({}, ...Object.values(schemas.provider_schemas ?? {}).map((p) => p.resource_schemas ?? {})) as Record<
    string,
    { block: SchemaBlock }
  >;
  return (address, type, path) => {
    const names = path.split(/\.|\[\d+\]\.?/).filter(Boolean);
    const resourceConfig = config.resource?.[type]?.[address.slice(type.length + 1)];
    let block: SchemaBlock | undefined = resources[type]?.block;
    for (let i = 0; i < names.length && block; i++) {
      const attribute = block.attributes?.[names[i]!];
      if (attribute) {
        if (attribute.computed !== true) return false;
        const readOnly = !attribute.optional && !attribute.required;
        return readOnly || configuredAt(resourceConfig, names.slice(0, i + 1)) === undefined;
      }
      const nested = block.block_types?.[names[i]!];
      // A block the configuration leaves out is not managed here. (The schema does not say whether a
      // block is computed; those left out in this project are: a bucket's inline versioning,
      // encryption and lifecycle rules, a role's inline policies — each owned by its own resource.)
      if (nested && configuredAt(resourceConfig, names.slice(0, i + 1)) === undefined) return true;
      block = nested?.block;
    }
    return false;
  };
}
