/**
 * What the emulator cannot prove and real AWS would refuse on the first apply: each check reads the
 * account and names the fix when it fails.
 */
import { DescribeFlowLogsCommand, DescribeInternetGatewaysCommand, DescribeSubnetsCommand, type FlowLog } from '@aws-sdk/client-ec2';
import { DescribeImagesCommand } from '@aws-sdk/client-ecr';
import { GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import { DescribeSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import type { EnvironmentConfig } from '../../../config/schema';
import { VPC_ORIGIN_UNSUPPORTED_AZ_IDS } from '../../../constructs/shared/limits';
import { errorName, orNotFound, type AwsClients } from './aws';
import type { Discovery, Row } from './discover';

const ok = (resource: string, detail: string): Row => ({ resource, status: 'ok', detail });
const failed = (resource: string, detail: string): Row => ({ resource, status: 'failed', detail });

/** A key-policy statement, as IAM JSON has it. */
interface KeyStatement {
  readonly Effect?: string;
  readonly Principal?: string | { readonly Service?: string | readonly string[]; readonly AWS?: string | readonly string[] };
  readonly Action?: string | readonly string[];
}

const list = (v: string | readonly string[] | undefined): string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : [...v]);

/** True when `granted` (an IAM action pattern with `*`) covers `action`. */
function covers(granted: string, action: string): boolean {
  const pattern = new RegExp(`^${granted.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
  return pattern.test(action);
}

/** Whether a key policy lets `service` use the key for what encrypting a log group takes. */
export function keyPolicyAdmits(policyJson: string, service: string, actions: readonly string[]): boolean {
  const statements = (JSON.parse(policyJson) as { Statement?: KeyStatement | KeyStatement[] }).Statement;
  const allows = (Array.isArray(statements) ? statements : statements ? [statements] : []).filter((s) => s.Effect === 'Allow');
  const forService = allows.filter((s) => typeof s.Principal === 'object' && list(s.Principal.Service).includes(service));
  return actions.every((a) => forService.some((s) => list(s.Action).some((g) => covers(g, a))));
}

/** The actions CloudWatch Logs needs of a key that encrypts a log group. */
export const LOGS_KEY_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:GenerateDataKey', 'kms:DescribeKey'] as const;

/** The statement to add to a key policy so CloudWatch Logs of this account and region can use the key. */
export function logsKeyStatement(region: string, account: string): object {
  return {
    Sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
    Effect: 'Allow',
    Principal: { Service: `logs.${region}.amazonaws.com` },
    Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    Resource: '*',
    Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${account}:log-group:*` } },
  };
}

async function keyPolicy(env: EnvironmentConfig, c: AwsClients): Promise<Row> {
  const resource = 'KMS key policy';
  if (env.dataServices.mode !== 'existing') return ok(resource, 'the stack creates its key, with the CloudWatch Logs statement');
  const keyId = env.dataServices.kmsKeyId;
  const out = await orNotFound(() => c.kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' })), ['NotFoundException']);
  if (!out?.Policy) return failed(resource, `key ${keyId} not found`);
  const service = `logs.${env.region}.amazonaws.com`;
  if (keyPolicyAdmits(out.Policy, service, LOGS_KEY_ACTIONS)) return ok(resource, `key ${keyId} admits ${service}`);
  return failed(
    resource,
    `key ${keyId} does not admit ${service}, so encrypting the log groups with it fails; add to its policy: ${JSON.stringify(logsKeyStatement(env.region, env.account))}`,
  );
}

async function vpcOriginPrerequisites(env: EnvironmentConfig, c: AwsClients): Promise<Row[]> {
  if (env.network.mode !== 'existing') return [ok('VPC origin prerequisites', 'the stack creates the VPC with an internet gateway')];
  const vpcId = env.network.vpcId;
  const igws = (await c.ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] })))
    .InternetGateways;
  const igw =
    (igws ?? []).length > 0
      ? ok(
          'internet gateway',
          `${vpcId} has ${igws![0]!.InternetGatewayId ?? 'one'} (CloudFront VPC origins need one attached; no route to it is needed)`,
        )
      : failed(
          'internet gateway',
          `${vpcId} has none; CloudFront VPC origins require one attached (no route needed): aws ec2 create-internet-gateway, then attach-internet-gateway --vpc-id ${vpcId}`,
        );
  const unsupported = VPC_ORIGIN_UNSUPPORTED_AZ_IDS[env.region] ?? [];
  const subnets = (await c.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [...env.network.loadBalancerSubnetIds] }))).Subnets ?? [];
  const bad = subnets.filter((s) => unsupported.includes(s.AvailabilityZoneId ?? ''));
  const azs = subnets.map((s) => `${s.SubnetId ?? ''} ${s.AvailabilityZoneId ?? '?'}`).join(', ');
  const az =
    bad.length === 0
      ? ok('ALB subnets for VPC origins', azs)
      : failed(
          'ALB subnets for VPC origins',
          `${bad.map((s) => `${s.SubnetId ?? ''} is in ${s.AvailabilityZoneId ?? ''}`).join(', ')}, where CloudFront VPC origins are not offered; move the ALB to subnets in other AZs`,
        );
  return [igw, az];
}

async function secrets(env: EnvironmentConfig, c: AwsClients): Promise<Row[]> {
  const data = env.dataServices;
  if (data.mode !== 'existing') return [ok('secrets', 'the stack creates them')];
  const rows: Row[] = [];
  try {
    const value = await c.secrets.send(new GetSecretValueCommand({ SecretId: data.databaseSecretArn }));
    let keys: string[] = [];
    try {
      keys = Object.keys(JSON.parse(value.SecretString ?? '') as object);
    } catch {
      keys = [];
    }
    const key = data.databaseSecretPasswordKey;
    rows.push(
      keys.includes(key)
        ? ok('database secret', `${value.ARN ?? data.databaseSecretArn} holds the JSON key "${key}" that DB_PASSWORD reads`)
        : failed(
            'database secret',
            `${value.ARN ?? data.databaseSecretArn} has no JSON key "${key}" (keys: ${keys.join(', ') || 'not JSON'}); the tasks would not start: fix the secret or dataServices.databaseSecretPasswordKey`,
          ),
    );
  } catch (err) {
    rows.push(failed('database secret', `${data.databaseSecretArn}: ${errorName(err) ?? String(err)}`));
  }
  const api = await orNotFound(
    () => c.secrets.send(new DescribeSecretCommand({ SecretId: data.apiKeySecretArn })),
    ['ResourceNotFoundException'],
  );
  rows.push(api ? ok('API key secret', api.ARN ?? data.apiKeySecretArn) : failed('API key secret', `${data.apiKeySecretArn} not found`));
  return rows;
}

async function imageTag(env: EnvironmentConfig, c: AwsClients, tag: string | undefined): Promise<Row> {
  const resource = 'image to deploy';
  if (!tag) return { resource, status: 'not checked', detail: 'no tag given: pass --image-tag <tag> (or IMAGE_TAG)' };
  const repo = env.registry.repositoryName;
  const found = await orNotFound(
    () => c.ecr.send(new DescribeImagesCommand({ repositoryName: repo, imageIds: [{ imageTag: tag }] })),
    ['ImageNotFoundException', 'RepositoryNotFoundException'],
  );
  return (found?.imageDetails ?? []).length > 0
    ? ok(resource, `${repo}:${tag}`)
    : failed(resource, `${repo}:${tag} does not exist; push it first (or retag an existing image with aws ecr put-image)`);
}

/** Attributes Terraform cannot change in place: a mismatch would replace the adopted resource. */
function identity(env: EnvironmentConfig, d: Discovery): Row[] {
  const rows: Row[] = [];
  const expect = (resource: string, pairs: [string, unknown, unknown][]) => {
    const wrong = pairs.filter(([, have, want]) => have !== undefined && have !== '' && String(have) !== String(want));
    rows.push(
      wrong.length === 0
        ? ok(resource, 'can be changed in place')
        : failed(
            resource,
            `${wrong.map(([what, have, want]) => `${what} is ${String(have)}, the stack says ${String(want)}`).join('; ')}: Terraform would replace it; align the environment file`,
          ),
    );
  };
  const r = d.resources;
  if (r.loadBalancer)
    expect('load balancer identity', [
      ['scheme', r.loadBalancer.evidence.scheme, 'internal'],
      ['type', r.loadBalancer.evidence.type, 'application'],
    ]);
  if (r.targetGroup) {
    const e = r.targetGroup.evidence;
    expect('target group identity', [
      ['protocol', e.protocol, 'HTTP'],
      ['port', e.port, env.service.containerPort],
      ['target type', e.targetType, 'ip'],
      ...(env.network.mode === 'existing' ? ([['VPC', e.vpcId, env.network.vpcId]] as [string, unknown, unknown][]) : []),
    ]);
  }
  if (r.ecrRepository)
    expect('repository identity', [['encryption', r.ecrRepository.evidence.encryptionType, env.registry.encryptionType]]);
  if (r.ecsService) {
    const e = r.ecsService.evidence;
    // A service moves between a launch type and a capacity-provider strategy only by replacement.
    const launchType: [string, unknown, unknown][] = env.service.fargateSpotWeight === 0 ? [['launch type', e.launchType, 'FARGATE']] : [];
    expect('ECS service identity', [
      ...launchType,
      ['scheduling strategy', e.schedulingStrategy, 'REPLICA'],
      ['deployment controller', e.deploymentController, 'ECS'],
    ]);
  }
  return rows;
}

/**
 * The flow logs an existing VPC already has. The stack adds its own (rule FIN-VPC1); AWS accepts a
 * second one, and bills both, so the row says which to retire once the stack's is delivering.
 */
export function flowLogsRow(vpcId: string, existing: readonly FlowLog[]): Row {
  const resource = 'VPC flow logs';
  const active = existing.filter((f) => f.FlowLogStatus === undefined || f.FlowLogStatus === 'ACTIVE');
  if (active.length === 0) return ok(resource, `${vpcId} has none; the stack adds one`);
  const ids = active
    .map((f) => `${f.FlowLogId ?? '?'} (to ${f.LogDestination ?? f.LogGroupName ?? f.LogDestinationType ?? '?'})`)
    .join(', ');
  return {
    resource,
    status: 'note',
    detail: `${vpcId} already has ${ids}; the stack adds its own, and both are billed: delete the old one (aws ec2 delete-flow-logs --flow-log-ids ${active.map((f) => f.FlowLogId ?? '?').join(' ')}) once the stack's delivers`,
  };
}

async function flowLogs(env: EnvironmentConfig, c: AwsClients): Promise<Row> {
  if (env.network.mode !== 'existing') return ok('VPC flow logs', 'the stack creates the VPC and its flow log');
  const vpcId = env.network.vpcId;
  const out = await c.ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpcId] }] }));
  return flowLogsRow(vpcId, out.FlowLogs ?? []);
}

/** Every preflight check. */
export async function preflight(env: EnvironmentConfig, c: AwsClients, d: Discovery, tag: string | undefined): Promise<Row[]> {
  return [
    await keyPolicy(env, c),
    ...(await vpcOriginPrerequisites(env, c)),
    await flowLogs(env, c),
    ...(await secrets(env, c)),
    await imageTag(env, c, tag),
    ...identity(env, d),
  ];
}
