/**
 * How each resource type of the stacks is found in the account when an interrupted apply created
 * it without recording it in state. Every type the stacks synthesize has an entry (a unit test
 * holds that), in one of four kinds:
 * - `find`: the create is refused the second time ("already exists": a name, a port, a priority)
 *   or silently makes a duplicate (a VPC, a subnet, a key, a distribution): looked up by what
 *   identifies it in the stack (its name, its Name tag, its parent and position) and imported;
 * - `upsert`: the create is a put that a second run overwrites (alarms, role policies, bucket
 *   settings): nothing to do;
 * - `local`: Terraform-only, nothing in the account;
 * - `manual`: no client here to look it up; the entry says how to find it.
 */
import { NETWORK_STRATEGIES } from './strategies-network';
import { SERVICE_STRATEGIES } from './strategies-services';
import type { Strategy } from './strategy';

export type { FindContext, FindResult, Found, Strategy } from './strategy';

/** Every resource type's strategy, by Terraform type. */
export const STRATEGIES: Readonly<Record<string, Strategy>> = { ...NETWORK_STRATEGIES, ...SERVICE_STRATEGIES };
