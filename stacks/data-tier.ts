/**
 * Which data tier an environment gets: created here ({@link DataServices}) or referenced from the
 * environment file, with Redis replaced by the deploy target's placeholder where it has one.
 */
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/schema';
import {
  DataServices,
  dataStoreAccess,
  REDIS_PORT,
  referencedDataServices,
  type DataServiceEndpoints,
  type DataStoreAccess,
} from '../constructs/data';
import type { SecurityGroups } from '../constructs/network';
import type { TargetSettings } from './deploy-target';

/** How the tasks reach the data stores of an environment on a target (for the security groups). */
export function dataStoreAccessFor(env: EnvironmentConfig, target: TargetSettings): DataStoreAccess {
  const data = env.dataServices;
  if (data.mode === 'existing') return dataStoreAccess({ mode: 'existing', redisPort: data.redisPort });
  return dataStoreAccess({ mode: 'create', redis: target.data.redis === 'create' ? 'created' : { externalPort: REDIS_PORT } });
}

export interface DataTier {
  readonly endpoints: DataServiceEndpoints;
  /** Set when the environment creates its data tier. */
  readonly services?: DataServices;
}

/** The environment's data tier, created in `stack` (as `data`) or referenced. */
export function dataTierFor(
  stack: Construct,
  env: EnvironmentConfig,
  target: TargetSettings,
  placement: { readonly namePrefix: string; readonly subnetIds: readonly string[]; readonly securityGroups: SecurityGroups },
): DataTier {
  const { region, account } = env;
  const data = env.dataServices;
  const taskKmsViaServices = env.service.kmsDecryptViaServices;
  if (data.mode === 'existing') return { endpoints: referencedDataServices({ ...data, region, account, taskKmsViaServices }) };
  const services = new DataServices(stack, 'data', {
    ...data,
    region,
    account,
    namePrefix: placement.namePrefix,
    subnetIds: placement.subnetIds,
    redisSecurityGroupId: placement.securityGroups.dataStores.redis?.id,
    databaseSecurityGroupId: placement.securityGroups.dataStores.postgres!.id,
    redis: target.data.redis === 'create' ? data.redis : { externalEndpoint: target.data.redis.placeholderEndpoint },
    performanceInsights: target.data.performanceInsights,
    taskKmsViaServices,
    logRetentionDays: env.monitoring.logRetentionDays,
  });
  return { endpoints: services.endpoints, services };
}
