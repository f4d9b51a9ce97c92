/**
 * Finding what an environment declares as existing: each declared resource by its name, ID or
 * (the distribution) domain name, and what the account holds that the environment does not
 * declare but the stack would create again (a name that exists, an endpoint for a service the
 * stack adds, a distribution already in front of the ALB).
 */
import { GetDistributionCommand, paginateListDistributions } from '@aws-sdk/client-cloudfront';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSecurityGroupsCommand, DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { DescribeClustersCommand, DescribeServicesCommand } from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  type LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ImportPin, ImportPins } from '../../../config/imports';
import type { EnvironmentConfig } from '../../../config/schema';
import { orNotFound, type AwsClients } from './aws';

/** One line of the adopt report. */
export interface Row {
  readonly resource: string;
  readonly status: 'found' | 'kept' | 'missing' | 'ambiguous' | 'conflict' | 'ok' | 'note' | 'failed' | 'not checked';
  readonly detail: string;
}

/** What discovery found: the report rows and the pins of everything found. */
export interface Discovery {
  readonly rows: Row[];
  readonly resources: ImportPins['resources'];
  /** The existing ALB, when there is one (the preflight checks it). */
  readonly loadBalancer?: LoadBalancer;
}

const BAD: readonly Row['status'][] = ['missing', 'ambiguous', 'conflict', 'failed'];

/** True when a row stops adoption or the cut-over. */
export function isProblem(row: Row): boolean {
  return BAD.includes(row.status);
}

function found(resource: string, pin: ImportPin): Row {
  return { resource, status: 'found', detail: pin.id };
}

/** Declared and present / declared and absent / undeclared and present / undeclared and absent. */
function rowFor(resource: string, declared: boolean, pin: ImportPin | undefined, flag: string): Row | undefined {
  if (declared) return pin ? found(resource, pin) : { resource, status: 'missing', detail: `not found; remove ${flag} or fix the name` };
  if (pin)
    return {
      resource,
      status: 'conflict',
      detail: `${pin.id} exists but ${flag} is false: declare it, or the first apply fails on the name`,
    };
  return undefined;
}

async function cluster(c: AwsClients, name: string): Promise<ImportPin | undefined> {
  const out = await c.ecs.send(new DescribeClustersCommand({ clusters: [name] }));
  const active = (out.clusters ?? []).filter((x) => x.status === 'ACTIVE');
  return active[0] ? { id: name, evidence: { arn: active[0].clusterArn ?? '' } } : undefined;
}

async function service(c: AwsClients, clusterName: string, name: string): Promise<ImportPin | undefined> {
  const out = await orNotFound(
    () => c.ecs.send(new DescribeServicesCommand({ cluster: clusterName, services: [name] })),
    ['ClusterNotFoundException'],
  );
  const svc = (out?.services ?? []).find((s) => s.status === 'ACTIVE');
  if (!svc) return undefined;
  const primary = (svc.deployments ?? []).find((d) => d.status === 'PRIMARY') ?? svc.deployments?.[0];
  return {
    id: `${clusterName}/${name}`,
    evidence: {
      arn: svc.serviceArn ?? '',
      ...(svc.createdAt ? { createdAt: svc.createdAt.toISOString() } : {}),
      ...(primary?.id ? { primaryDeploymentId: primary.id } : {}),
      taskDefinition: svc.taskDefinition ?? '',
      launchType: svc.launchType ?? '',
      schedulingStrategy: svc.schedulingStrategy ?? '',
      deploymentController: svc.deploymentController?.type ?? 'ECS',
    },
  };
}

async function loadBalancer(c: AwsClients, name: string): Promise<LoadBalancer | undefined> {
  const out = await orNotFound(() => c.elbv2.send(new DescribeLoadBalancersCommand({ Names: [name] })), ['LoadBalancerNotFoundException']);
  return out?.LoadBalancers?.[0];
}

async function targetGroup(c: AwsClients, name: string): Promise<ImportPin | undefined> {
  const out = await orNotFound(() => c.elbv2.send(new DescribeTargetGroupsCommand({ Names: [name] })), ['TargetGroupNotFoundException']);
  const tg = out?.TargetGroups?.[0];
  if (!tg?.TargetGroupArn) return undefined;
  return {
    id: tg.TargetGroupArn,
    evidence: { protocol: tg.Protocol ?? '', port: tg.Port ?? 0, targetType: tg.TargetType ?? '', vpcId: tg.VpcId ?? '' },
  };
}

async function repository(c: AwsClients, name: string): Promise<ImportPin | undefined> {
  const out = await orNotFound(
    () => c.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] })),
    ['RepositoryNotFoundException'],
  );
  const repo = out?.repositories?.[0];
  if (!repo) return undefined;
  return {
    id: name,
    evidence: {
      arn: repo.repositoryArn ?? '',
      ...(repo.createdAt ? { createdAt: repo.createdAt.toISOString() } : {}),
      encryptionType: repo.encryptionConfiguration?.encryptionType ?? 'AES256',
    },
  };
}

/** A log group by its exact name (the API matches prefixes). */
export async function logGroup(c: AwsClients, name: string): Promise<ImportPin | undefined> {
  const out = await c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
  const group = (out.logGroups ?? []).find((g) => g.logGroupName === name);
  return group ? { id: name, evidence: { arn: group.arn ?? '', kmsKeyId: group.kmsKeyId ?? '' } } : undefined;
}

/** The available endpoints of a service in a VPC. */
async function endpoints(c: AwsClients, vpcId: string, serviceName: string): Promise<string[]> {
  const out = await c.ec2.send(
    new DescribeVpcEndpointsCommand({
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'service-name', Values: [serviceName] },
        { Name: 'vpc-endpoint-state', Values: ['available', 'pending'] },
      ],
    }),
  );
  return (out.VpcEndpoints ?? []).map((e) => e.VpcEndpointId ?? '').filter(Boolean);
}

/** Distributions whose domain name is `domain`, and those whose origin is `originDomain`. */
async function distributions(c: AwsClients, domain: string | undefined, originDomain: string | undefined) {
  const byDomain: { id: string; arn: string }[] = [];
  const byOrigin: string[] = [];
  for await (const page of paginateListDistributions({ client: c.cloudfront }, {})) {
    for (const d of page.DistributionList?.Items ?? []) {
      if (d.DomainName === domain) byDomain.push({ id: d.Id ?? '', arn: d.ARN ?? '' });
      else if (originDomain && d.Id) {
        const full = await c.cloudfront.send(new GetDistributionCommand({ Id: d.Id }));
        const origins = full.Distribution?.DistributionConfig?.Origins?.Items ?? [];
        if (origins.some((o) => o.DomainName === originDomain)) byOrigin.push(d.Id);
      }
    }
  }
  return { byDomain, byOrigin };
}

/** Finds every declared resource and every undeclared one the stack would collide with. */
export async function discover(env: EnvironmentConfig, c: AwsClients): Promise<Discovery> {
  const e = env.existing;
  const rows: Row[] = [];
  const resources: ImportPins['resources'] = { listeners: {}, vpcEndpoints: {} };
  const add = (row: Row | undefined) => row && rows.push(row);

  const clusterPin = await cluster(c, env.service.clusterName);
  add(rowFor(`ECS cluster ${env.service.clusterName}`, e.ecsCluster, clusterPin, 'existing.ecsCluster'));
  if (e.ecsCluster && clusterPin) resources.ecsCluster = clusterPin;
  const servicePin = clusterPin ? await service(c, env.service.clusterName, env.service.serviceName) : undefined;
  add(rowFor(`ECS service ${env.service.serviceName}`, e.ecsService, servicePin, 'existing.ecsService'));
  if (e.ecsService && servicePin) resources.ecsService = servicePin;

  const lb = await loadBalancer(c, env.loadBalancer.name);
  const lbPin = lb?.LoadBalancerArn
    ? {
        id: lb.LoadBalancerArn,
        evidence: { dnsName: lb.DNSName ?? '', scheme: lb.Scheme ?? '', type: lb.Type ?? '', vpcId: lb.VpcId ?? '' },
      }
    : undefined;
  add(rowFor(`load balancer ${env.loadBalancer.name}`, e.loadBalancer, lbPin, 'existing.loadBalancer'));
  if (e.loadBalancer && lbPin) resources.loadBalancer = lbPin;
  if (lb?.LoadBalancerArn) {
    const listeners = (await c.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }))).Listeners ?? [];
    const ours = [env.loadBalancer.listenerPort, ...(env.loadBalancer.certificateArn ? [443] : [])];
    for (const port of ours) {
      const l = listeners.find((x) => x.Port === port);
      const pin = l?.ListenerArn ? { id: l.ListenerArn, evidence: { protocol: l.Protocol ?? '' } } : undefined;
      add(
        rowFor(
          `listener :${port} of ${env.loadBalancer.name}`,
          e.listenerPorts.includes(port),
          pin,
          `port ${port} in existing.listenerPorts`,
        ),
      );
      if (pin && e.listenerPorts.includes(port)) resources.listeners[String(port)] = pin;
    }
  } else {
    for (const port of e.listenerPorts)
      add({ resource: `listener :${port}`, status: 'missing', detail: 'its load balancer was not found' });
  }

  const tgPin = await targetGroup(c, env.loadBalancer.targetGroupName);
  add(rowFor(`target group ${env.loadBalancer.targetGroupName}`, e.targetGroup, tgPin, 'existing.targetGroup'));
  if (e.targetGroup && tgPin) resources.targetGroup = tgPin;
  const repoPin = await repository(c, env.registry.repositoryName);
  add(rowFor(`ECR repository ${env.registry.repositoryName}`, e.ecrRepository, repoPin, 'existing.ecrRepository'));
  if (e.ecrRepository && repoPin) resources.ecrRepository = repoPin;
  const logPin = await logGroup(c, env.service.logGroupName);
  add(rowFor(`log group ${env.service.logGroupName}`, e.logGroup, logPin, 'existing.logGroup'));
  if (e.logGroup && logPin) resources.logGroup = logPin;

  if (env.network.mode === 'existing') {
    await discoverEndpoints(env, c, env.network.vpcId, rows, resources);
    await discoverSecurityGroups(env, c, lb, rows);
  }

  const d = await distributions(c, e.distribution?.domainName, lb?.DNSName);
  if (e.distribution) {
    const domain = e.distribution.domainName;
    if (d.byDomain.length === 1) {
      resources.distribution = { id: d.byDomain[0]!.id, evidence: { arn: d.byDomain[0]!.arn, domainName: domain } };
      add(found(`CloudFront distribution ${domain}`, resources.distribution));
    } else
      add({
        resource: `CloudFront distribution ${domain}`,
        status: d.byDomain.length === 0 ? 'missing' : 'ambiguous',
        detail: `${d.byDomain.length} found`,
      });
  }
  for (const id of d.byOrigin.filter((x) => x !== resources.distribution?.id)) {
    add({
      resource: `CloudFront distribution ${id}`,
      status: 'conflict',
      detail: `serves ${lb?.DNSName ?? 'the ALB'} but is not existing.distribution: declare it, or it loses its origin at cut-over`,
    });
  }
  return { rows, resources, loadBalancer: lb };
}

async function discoverEndpoints(env: EnvironmentConfig, c: AwsClients, vpcId: string, rows: Row[], resources: ImportPins['resources']) {
  const declared = env.existing.vpcEndpoints as Readonly<Record<string, 'adopt' | 'keep'>>;
  const created = [
    'ecr.api',
    'ecr.dkr',
    'logs',
    'secretsmanager',
    'kms',
    ...(env.service.ecsExec ? ['ssmmessages'] : []),
    's3',
    'dynamodb',
  ];
  for (const service of new Set([...created, ...Object.keys(declared)])) {
    const ids = await endpoints(c, vpcId, `com.amazonaws.${env.region}.${service}`);
    const mode = declared[service];
    const resource = `VPC endpoint ${service}`;
    if (ids.length > 1)
      rows.push({ resource, status: 'ambiguous', detail: `${ids.join(', ')}: two endpoints for one service; remove one first` });
    else if (mode && ids.length === 0) rows.push({ resource, status: 'missing', detail: `declared "${mode}" but ${vpcId} has none` });
    else if (mode === 'adopt') {
      resources.vpcEndpoints[service] = { id: ids[0]!, evidence: {} };
      rows.push({ resource, status: 'found', detail: ids[0]! });
    } else if (mode === 'keep') rows.push({ resource, status: 'kept', detail: `${ids[0]!} stays as it is; none created` });
    else if (ids.length === 1) {
      rows.push({
        resource,
        status: 'conflict',
        detail: `${ids[0]!} exists but is not declared: "adopt" or "keep" it (a second one fails on its DNS name or route)`,
      });
    }
  }
}

async function discoverSecurityGroups(env: EnvironmentConfig, c: AwsClients, lb: LoadBalancer | undefined, rows: Row[]) {
  const groups = env.existing.securityGroups;
  for (const [role, id] of Object.entries(groups) as [string, string | undefined][]) {
    if (!id) continue;
    const out = await orNotFound(() => c.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] })), ['InvalidGroup.NotFound']);
    const group = out?.SecurityGroups?.[0];
    const resource = `security group ${id} (${role})`;
    if (!group) {
      rows.push({ resource, status: 'missing', detail: 'not found' });
      continue;
    }
    const rules = (group.IpPermissions ?? []).reduce(
      (n, p) => n + (p.IpRanges?.length ?? 0) + (p.UserIdGroupPairs?.length ?? 0) + (p.PrefixListIds?.length ?? 0),
      0,
    );
    const onAlb = lb?.SecurityGroups?.includes(id) ?? false;
    rows.push({
      resource,
      status: 'found',
      detail:
        role === 'loadBalancer'
          ? `${rules} ingress rules${onAlb ? ', on the ALB' : ', NOT on the ALB'}: replaced by the prefix-list group at cut-over (it cannot hold that list too: ${rules} + 55 > 60); retire it afterwards`
          : `${rules} ingress rules: stays attached to the tasks until retired`,
    });
  }
}
