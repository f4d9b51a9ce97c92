/**
 * The environment schema: every value an environment file may hold, with the domain rules AWS
 * enforces. One file per section; the rules that relate sections are in `cross-section.ts`. The
 * limits come from constructs/shared/limits.ts, which the constructs check against too. The
 * settings reference in `docs/environment-settings.md` is generated from this schema.
 */
import { z } from 'zod';
import { checkCrossSectionRules } from './cross-section';
import { dataServicesSchema } from './data-services';
import { edgeSchema } from './edge';
import { existingSchema } from './existing';
import { loadBalancerSchema } from './load-balancer';
import { monitoringSchema } from './monitoring';
import { networkSchema } from './network';
import { awsAccountId, awsRegion, tagMap } from './primitives';
import { registrySchema } from './registry';
import { serviceSchema } from './service';

export { FARGATE_TASK_SIZES, LOG_RETENTION_DAYS } from '../../constructs/shared/limits';
export {
  DATA_SERVICES_MODES,
  POSTGRES_ENGINE_VERSIONS,
  RDS_INSTANCE_CLASSES,
  REDIS_ENGINE_VERSIONS,
  REDIS_NODE_TYPES,
} from './data-services';
export { healthCheckSchema } from './load-balancer';
export { NETWORK_MODES, networkSchema } from './network';
export { ADOPTABLE_ENDPOINT_SERVICES, type ExistingConfig } from './existing';
export { AWS_REGIONS } from './primitives';

export const environmentSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path of the JSON Schema, for editors. Ignored by synth.'),
    name: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,20}$/, 'lowercase letters, digits and hyphens, 2–21 characters, starting with a letter')
      .describe('Environment name; used in stack names and the state key.'),
    account: awsAccountId,
    region: awsRegion,
    productionLike: z
      .boolean()
      .default(false)
      .describe('Serves real customers: requires ALB deletion protection, forbids Spot tasks and ECS Exec.'),
    tags: tagMap.default({}).describe('Tags applied to every resource through the provider default_tags.'),
    state: z
      .strictObject({
        bucket: z
          .string()
          .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name is 3–63 lowercase letters, digits, dots and hyphens')
          .describe('S3 bucket holding Terraform state (created by the state bootstrap stack).'),
        region: awsRegion.describe('Region of the state bucket.'),
      })
      .describe('Remote state location.'),
    network: networkSchema.describe('Where the service runs: an existing VPC, or one this stack creates.'),
    registry: registrySchema,
    service: serviceSchema,
    loadBalancer: loadBalancerSchema,
    edge: edgeSchema,
    monitoring: monitoringSchema,
    dataServices: dataServicesSchema.describe('Redis, PostgreSQL credentials, sessions table and KMS key the service uses.'),
    existing: existingSchema.prefault({}),
  })
  .superRefine(checkCrossSectionRules);

/** A validated environment, with defaults applied. */
export type EnvironmentConfig = z.output<typeof environmentSchema>;
export type NetworkConfig = EnvironmentConfig['network'];
export type HealthCheckConfig = EnvironmentConfig['loadBalancer']['healthCheck'];
