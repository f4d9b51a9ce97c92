/**
 * Adoption: what an environment declares under `existing` becomes Terraform `import` blocks, so the
 * first apply takes the running resources into state instead of creating second copies under the
 * same names. Import IDs come from `config/<env>.imports.json` (pinned by `npm run adopt`); where a
 * resource is not pinned, its ID is its name when Terraform imports by name, or a plan-time lookup
 * by name (a data source that fails the plan when the resource is missing or ambiguous), or, for
 * the distribution, a required variable. Nothing declared is ever created.
 */
import { DataAwsLb } from '@cdktf/provider-aws/lib/data-aws-lb';
import { DataAwsLbListener } from '@cdktf/provider-aws/lib/data-aws-lb-listener';
import { DataAwsLbTargetGroup } from '@cdktf/provider-aws/lib/data-aws-lb-target-group';
import { DataAwsVpcEndpoint } from '@cdktf/provider-aws/lib/data-aws-vpc-endpoint';
import { dependable, TerraformResource, TerraformVariable, type TerraformStack } from 'cdktf';
import { ConfigError } from '../config/load';
import type { ImportPin, ImportPins } from '../config/imports';
import type { EnvironmentWarning } from '../config/warnings';
import type { EnvironmentConfig } from '../config/schema';
import type { EdgeDistribution } from '../constructs/edge';
import type { VpcEndpoints } from '../constructs/network';
import type { ContainerRegistry, FargateService, LoadBalancer, ServiceLogGroup } from '../constructs/service';

/** How an import ID was found. */
export type ImportSource = 'pinned' | 'name' | 'lookup' | 'variable' | 'recovered';

/** One adopted resource. */
export interface Adoption {
  /** What the environment file calls it: `ecsService`, `listeners.80`, `vpcEndpoints.ecr.api`, ... */
  readonly key: string;
  /** Terraform address of the resource that takes it over. */
  readonly address: string;
  /** The import ID (a literal, or an expression Terraform resolves at plan time). */
  readonly id: string;
  readonly source: ImportSource;
}

/** The constructs whose resources adopt what exists. */
export interface AdoptionTargets {
  readonly service: FargateService;
  readonly loadBalancer: LoadBalancer;
  readonly registry: ContainerRegistry;
  readonly logGroup: ServiceLogGroup;
  readonly endpoints: VpcEndpoints;
  readonly edge: EdgeDistribution;
}

/** The variable that takes the distribution's ID when no imports file pins it. */
export const DISTRIBUTION_ID_VARIABLE = 'existing_distribution_id';

/** The endpoint services the stack creates for an environment: the defaults minus those it keeps. */
export function endpointServicesFor(env: EnvironmentConfig, defaults: readonly string[]): string[] {
  return defaults.filter((s) => env.existing.vpcEndpoints[s as keyof typeof env.existing.vpcEndpoints] !== 'keep');
}

/** The endpoint services an environment keeps as they are (not managed, none created). */
export function keptEndpointServices(env: EnvironmentConfig): string[] {
  return Object.entries(env.existing.vpcEndpoints)
    .filter(([, mode]) => mode === 'keep')
    .map(([service]) => service);
}

function addressOf(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

/**
 * Adds the import blocks of everything `env` declares as existing, and orders the cut-over of an
 * adopted listener so CloudFront never loses its path to the ALB (see the README's "Taking over
 * the running system"): the forward rule for the origin header exists, and the distribution sends
 * the header, before the listener starts refusing requests without it.
 */
export function adoptExisting(stack: TerraformStack, env: EnvironmentConfig, pins: ImportPins | undefined, t: AdoptionTargets): Adoption[] {
  const existing = env.existing;
  const resources = pins?.resources;
  const adoptions: Adoption[] = [];
  const adopt = (
    key: string,
    resource: TerraformResource,
    pinned: ImportPin | undefined,
    fallback: () => [string, ImportSource],
  ): string => {
    const [id, source] = pinned ? [pinned.id, 'pinned' as const] : fallback();
    adoptions.push({ key, address: addressOf(resource), id, source });
    return id;
  };

  if (existing.ecsCluster) adopt('ecsCluster', t.service.cluster, resources?.ecsCluster, () => [env.service.clusterName, 'name']);
  if (existing.ecsService) {
    adopt('ecsService', t.service.service, resources?.ecsService, () => [`${env.service.clusterName}/${env.service.serviceName}`, 'name']);
  }
  if (existing.ecrRepository) {
    adopt('ecrRepository', t.registry.repository, resources?.ecrRepository, () => [env.registry.repositoryName, 'name']);
  }
  if (existing.logGroup) adopt('logGroup', t.logGroup.logGroup, resources?.logGroup, () => [env.service.logGroupName, 'name']);
  let loadBalancerId: string | undefined;
  if (existing.loadBalancer) {
    loadBalancerId = adopt('loadBalancer', t.loadBalancer.loadBalancer, resources?.loadBalancer, () => [
      new DataAwsLb(stack, 'adopt-load-balancer', { name: env.loadBalancer.name }).arn,
      'lookup',
    ]);
  }
  if (existing.targetGroup) {
    adopt('targetGroup', t.loadBalancer.targetGroup, resources?.targetGroup, () => [
      new DataAwsLbTargetGroup(stack, 'adopt-target-group', { name: env.loadBalancer.targetGroupName }).arn,
      'lookup',
    ]);
  }
  for (const port of existing.listenerPorts) {
    const listener =
      port === 443 && t.loadBalancer.listener !== t.loadBalancer.httpListener ? t.loadBalancer.listener : t.loadBalancer.httpListener;
    const id = adopt(`listeners.${port}`, listener, resources?.listeners[String(port)], () => [
      new DataAwsLbListener(stack, `adopt-listener-${port}`, { loadBalancerArn: loadBalancerId!, port }).arn,
      'lookup',
    ]);
    if (listener === t.loadBalancer.listener) orderOriginLockCutover(t, id);
  }
  for (const [service, mode] of Object.entries(existing.vpcEndpoints)) {
    if (mode !== 'adopt') continue;
    const endpoint = t.endpoints.interfaceEndpoints[service] ?? t.endpoints.gatewayEndpoints[service];
    if (!endpoint || env.network.mode !== 'existing')
      throw new Error(`adoption: no VPC endpoint for ${service} in this stack to adopt it into.`);
    // Keyed by the configured VPC and service name, not the resource's attributes (which would
    // make the lookup depend on the resource it identifies).
    const vpcId = env.network.vpcId;
    adopt(`vpcEndpoints.${service}`, endpoint, resources?.vpcEndpoints[service], () => [
      new DataAwsVpcEndpoint(stack, `adopt-endpoint-${service.replace(/\./g, '-')}`, {
        vpcId,
        serviceName: `com.amazonaws.${env.region}.${service}`,
        state: 'available',
      }).id,
      'lookup',
    ]);
  }
  if (existing.distribution) {
    const domain = existing.distribution.domainName;
    adopt('distribution', t.edge.distribution, resources?.distribution, () => [
      new TerraformVariable(stack, DISTRIBUTION_ID_VARIABLE, {
        type: 'string',
        nullable: false,
        description: `ID of the existing CloudFront distribution ${domain} (E...), which this stack adopts; npm run adopt -- ${env.name} pins it instead.`,
        validation: [
          {
            condition: `\${can(regex("^E[A-Z0-9]+$", var.${DISTRIBUTION_ID_VARIABLE}))}`,
            errorMessage: 'a CloudFront distribution ID: E followed by capital letters and digits',
          },
        ],
      }).stringValue,
      'variable',
    ]);
  }
  adoptions.push(...recoveredImports(stack, env, pins, adoptions));
  if (adoptions.length > 0)
    stack.addOverride(
      'import',
      adoptions.map((a) => ({ to: a.address, id: a.id })),
    );
  return adoptions;
}

/**
 * What an interrupted apply created without recording it (`recovered`, written by
 * `npm run recover`): imported by address. An address the stack does not have stops synth: the
 * file was written for another version of the stack.
 */
function recoveredImports(
  stack: TerraformStack,
  env: EnvironmentConfig,
  pins: ImportPins | undefined,
  adopted: readonly Adoption[],
): Adoption[] {
  const entries = Object.entries(pins?.recovered ?? {});
  if (entries.length === 0) return [];
  const addresses = new Set(
    stack.node
      .findAll()
      .filter((c): c is TerraformResource => c instanceof TerraformResource)
      .map(addressOf),
  );
  const unknown = entries.filter(([address]) => !addresses.has(address));
  if (unknown.length > 0) {
    throw new ConfigError(
      `${env.name}.imports.json`,
      unknown.map(([address, pin]) => ({
        path: `recovered.${address}`,
        value: JSON.stringify(pin.id),
        message: `is not a resource of ${stack.node.id} (renamed or removed since recover ran): remove the entry, or run npm run recover -- ${env.name} again`,
      })),
    );
  }
  const taken = new Set(adopted.map((a) => a.address));
  return entries
    .filter(([address]) => !taken.has(address))
    .map(([address, pin]) => ({ key: `recovered.${address}`, address, id: pin.id, source: 'recovered' as const }));
}

/**
 * An adopted listener forwards everything today. Its default action becomes a fixed 403 that only
 * the forward rule for the origin header passes; to leave no window in which CloudFront's requests
 * are refused, the listener changes only after the rule exists and the distribution (which waits
 * for its deployment) sends the header. The rule therefore takes the listener's ARN from the
 * import ID instead of from the listener resource, which would order it after the listener.
 */
function orderOriginLockCutover(t: AdoptionTargets, listenerArn: string): void {
  const rule = t.loadBalancer.forwardRule;
  if (!rule) return;
  rule.listenerArn = listenerArn;
  t.loadBalancer.listener.dependsOn = [...(t.loadBalancer.listener.dependsOn ?? []), dependable(rule), dependable(t.edge.distribution)];
}

/**
 * What a reviewer should know about an environment's adoptions: the IDs not pinned by adopt, in
 * the shape of config/warnings.ts so synth and the plan summary list them with the others.
 */
export function adoptionWarnings(env: EnvironmentConfig, adoptions: readonly Adoption[]): EnvironmentWarning[] {
  const lookedUp = adoptions.filter((a) => a.source === 'lookup').map((a) => a.key);
  const asked = adoptions.filter((a) => a.source === 'variable').map((a) => a.key);
  const importsFile = `config/${env.name}.imports.json`;
  const warnings: EnvironmentWarning[] = [];
  if (lookedUp.length > 0) {
    warnings.push({
      path: importsFile,
      problem: `pins no ID for ${lookedUp.join(', ')}, so ${lookedUp.length === 1 ? 'it is' : 'they are'} adopted by a lookup at plan time, which the plan cannot show before it runs`,
      fix: `pin the IDs with npm run adopt -- ${env.name} and commit the file`,
    });
  }
  if (asked.length > 0) {
    warnings.push({
      path: importsFile,
      problem: `does not pin the distribution ${env.existing.distribution?.domainName ?? ''}, so the plan needs -var ${DISTRIBUTION_ID_VARIABLE}=<its ID>`,
      fix: `run npm run adopt -- ${env.name}, which pins it`,
    });
  }
  return warnings;
}
