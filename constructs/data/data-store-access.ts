import { POSTGRES_PORT } from './database';
import { REDIS_PORT } from './redis-cache';

/** How the tasks reach their data stores, in the terms of {@link SecurityGroupsProps}. */
export interface DataStoreAccess {
  /** One security group per store this stack creates, admitting its port from the tasks only. */
  readonly groups: Readonly<Record<string, number>>;
  /** Ports of stores this stack does not manage, opened from the tasks to the VPC's CIDR. */
  readonly vpcPorts: readonly number[];
}

/** A data tier as the network sees it. */
export type DataTierLayout =
  /** Referenced: both stores exist in the VPC; their ports come from the environment file. */
  | { readonly mode: 'existing'; readonly redisPort: number; readonly databasePort?: number }
  /** Created here: the database always; Redis here (`created`) or elsewhere in the VPC (its port). */
  | { readonly mode: 'create'; readonly redis: 'created' | { readonly externalPort: number } };

/** The security-group layout of a data tier: groups for what is created, VPC ports for the rest. */
export function dataStoreAccess(layout: DataTierLayout): DataStoreAccess {
  if (layout.mode === 'existing') {
    return { groups: {}, vpcPorts: [layout.redisPort, layout.databasePort ?? POSTGRES_PORT] };
  }
  if (layout.redis === 'created') return { groups: { redis: REDIS_PORT, postgres: POSTGRES_PORT }, vpcPorts: [] };
  return { groups: { postgres: POSTGRES_PORT }, vpcPorts: [layout.redis.externalPort] };
}
