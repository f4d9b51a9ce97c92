/**
 * The rules that relate two sections of an environment file (or a section and the environment's
 * region and account). Rules inside one section live with that section's schema.
 */
import type { z } from 'zod';
import { arnRegion, CLOUDFRONT_CERTIFICATE_REGION } from '../../constructs/shared/limits';

/** What the cross-section rules read: an environment after its sections validated. */
export interface CrossSectionInput {
  readonly account: string;
  readonly region: string;
  readonly productionLike: boolean;
  readonly network: { readonly mode: 'existing'; readonly additionalTaskSecurityGroupIds: readonly string[] } | { readonly mode: 'create' };
  readonly existing: {
    readonly listenerPorts: readonly number[];
    readonly vpcEndpoints: Readonly<Partial<Record<string, 'adopt' | 'keep'>>>;
    readonly securityGroups: { readonly loadBalancer?: string; readonly tasks?: string };
  };
  readonly registry: { readonly imageTagMutability: string };
  readonly service: { readonly imageTag?: string; readonly fargateSpotWeight: number; readonly ecsExec: boolean };
  readonly loadBalancer: { readonly deletionProtection: boolean; readonly certificateArn?: string; readonly listenerPort: number };
  readonly edge: { readonly originDomainName?: string };
  readonly dataServices:
    | { readonly mode: 'existing'; readonly databaseSecretArn: string; readonly apiKeySecretArn: string }
    | { readonly mode: 'create' };
}

type Issue = { readonly path: (string | number)[]; readonly input: unknown; readonly message: string };

function* crossSectionIssues(env: CrossSectionInput): Generator<Issue> {
  if (env.region !== CLOUDFRONT_CERTIFICATE_REGION) {
    yield {
      path: ['region'],
      input: env.region,
      message: `must be ${CLOUDFRONT_CERTIFICATE_REGION}: the CloudFront web ACL, its log group, the CloudFront alarms and the viewer certificate are created with the environment's provider, and AWS requires ${CLOUDFRONT_CERTIFICATE_REGION} for them`,
    };
  }
  if (env.productionLike && !env.loadBalancer.deletionProtection) {
    yield {
      path: ['loadBalancer', 'deletionProtection'],
      input: false,
      message: 'must be true in a production-like environment (productionLike: true)',
    };
  }
  if (env.productionLike && env.service.fargateSpotWeight > 0) {
    yield {
      path: ['service', 'fargateSpotWeight'],
      input: env.service.fargateSpotWeight,
      message: 'must be 0 in a production-like environment (productionLike: true): Spot tasks can be reclaimed at two minutes notice',
    };
  }
  if (env.productionLike && env.service.ecsExec) {
    yield {
      path: ['service', 'ecsExec'],
      input: true,
      message:
        'must be false in a production-like environment (productionLike: true): a shell into production tasks bypasses the release process',
    };
  }
  if (env.registry.imageTagMutability === 'IMMUTABLE' && env.service.imageTag === 'latest') {
    yield {
      path: ['service', 'imageTag'],
      input: env.service.imageTag,
      message:
        'cannot be "latest" with immutable tags (a pushed tag never moves): use a versioned tag, or omit imageTag and pass -var image_tag=<version>',
    };
  }
  const albCert = env.loadBalancer.certificateArn;
  if (albCert !== undefined && env.edge.originDomainName === undefined) {
    yield {
      path: ['edge', 'originDomainName'],
      input: undefined,
      message: "is required with loadBalancer.certificateArn: CloudFront verifies the ALB's certificate against this name",
    };
  }
  if (albCert !== undefined && arnRegion(albCert) !== env.region) {
    yield {
      path: ['loadBalancer', 'certificateArn'],
      input: albCert,
      message: `must be in the environment's region (${env.region}): an ALB only uses certificates from its own region`,
    };
  }
  yield* adoptionIssues(env);
  const data = env.dataServices;
  if (data.mode === 'existing') {
    for (const key of ['databaseSecretArn', 'apiKeySecretArn'] as const) {
      const [, , , region, account] = data[key].split(':');
      if (region !== env.region || account !== env.account) {
        yield {
          path: ['dataServices', key],
          input: data[key],
          message: `must be in this environment's region and account (${env.region}, ${env.account}); ECS injects secrets only from its own region`,
        };
      }
    }
  }
}

/** The rules between `existing` and the sections that name what exists. */
function* adoptionIssues(env: CrossSectionInput): Generator<Issue> {
  const existing = env.existing;
  const listenerPorts = [env.loadBalancer.listenerPort, ...(env.loadBalancer.certificateArn !== undefined ? [443] : [])];
  for (const [i, p] of existing.listenerPorts.entries()) {
    if (!listenerPorts.includes(p)) {
      yield {
        path: ['existing', 'listenerPorts', i],
        input: p,
        message: `is not a listener this stack defines (${listenerPorts.join(', ')}); an adopted listener must be one of them`,
      };
    }
  }
  const inVpc = Object.keys(existing.vpcEndpoints).length > 0 || existing.securityGroups.loadBalancer || existing.securityGroups.tasks;
  if (inVpc && env.network.mode !== 'existing') {
    yield {
      path: ['existing'],
      input: undefined,
      message: 'declares VPC endpoints or security groups, but network.mode is "create": a VPC this stack creates holds nothing yet',
    };
  }
  if (existing.vpcEndpoints.ssmmessages === 'adopt' && !env.service.ecsExec) {
    yield {
      path: ['existing', 'vpcEndpoints', 'ssmmessages'],
      input: 'adopt',
      message: 'can only be "adopt" with service.ecsExec (the stack creates that endpoint only then); use "keep" to leave it alone',
    };
  }
  const tasksGroup = existing.securityGroups.tasks;
  if (tasksGroup && env.network.mode === 'existing' && env.network.additionalTaskSecurityGroupIds.includes(tasksGroup)) {
    yield {
      path: ['existing', 'securityGroups', 'tasks'],
      input: tasksGroup,
      message: 'is also in network.additionalTaskSecurityGroupIds; list it once (here it is attached to the tasks already)',
    };
  }
}

/** Adds every cross-section problem of `env` to the refinement context. */
export function checkCrossSectionRules(env: CrossSectionInput, ctx: z.core.$RefinementCtx): void {
  for (const issue of crossSectionIssues(env)) ctx.addIssue({ code: 'custom', ...issue });
}
