/**
 * The greenfield dev stack: it creates its own network and data tier, and the service gets the
 * same shape of inputs production gets from its references — endpoints as environment variables,
 * credentials as secrets, a task role scoped to what was created.
 */
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { onlyResource, parseJsonAttribute, synthDelivery, type SynthJson } from '../../helpers/synth';

interface Container {
  environment: { name: string; value: string }[];
  secrets: { name: string; valueFrom: string }[];
}
interface Statement {
  sid?: string;
  resources?: string[];
}

let synth: string;
let container: Container;
let taskStatements: Statement[];

beforeAll(() => {
  synth = synthDelivery('dev');
  container = parseJsonAttribute<Container[]>(onlyResource(synth, 'aws_ecs_task_definition').container_definitions)[0]!;
  const docs = (JSON.parse(synth) as SynthJson).data?.aws_iam_policy_document ?? {};
  taskStatements = Object.entries(docs).find(([k]) => k.includes('task-policy'))![1].statement as Statement[];
});

const env = (name: string) => container.environment.find((e) => e.name === name)?.value;

describe('dev: its own network', () => {
  test('a VPC with DNS support, four private subnets (tasks and ALB in two AZs), no NAT gateway', () => {
    expect(synth).toHaveResourceWithProperties(Vpc, { cidr_block: '10.40.0.0/16', enable_dns_support: true, enable_dns_hostnames: true });
    expect(Object.keys((JSON.parse(synth) as SynthJson).resource?.aws_subnet ?? {})).toHaveLength(4);
    expect(synth).toHaveResourceWithProperties(Subnet, { map_public_ip_on_launch: false });
    expect(synth).not.toHaveResource(NatGateway);
  });

  test('an internet gateway is attached (CloudFront VPC origins require one) with no route to it', () => {
    expect(synth).toHaveResource(InternetGateway);
    expect((JSON.parse(synth) as SynthJson).resource?.aws_route).toBeUndefined();
  });
});

describe('dev: the service is wired to the data tier it creates', () => {
  test('REDIS_HOST is the replication group primary endpoint, REDIS_PORT 6379', () => {
    expect(env('REDIS_HOST')).toMatch(/^\$\{aws_elasticache_replication_group\.[\w-]+\.primary_endpoint_address\}$/);
    expect(env('REDIS_PORT')).toBe('6379');
  });

  test('DB_HOST, DB_PORT and DB_NAME come from the database instance', () => {
    expect(env('DB_HOST')).toMatch(/^\$\{aws_db_instance\.[\w-]+\.address\}$/);
    expect(env('DB_PORT')).toMatch(/aws_db_instance\.[\w-]+\.port/);
    expect(env('DB_NAME')).toBe('fintech');
  });

  test('DB_PASSWORD is the password key of the RDS-managed secret; API_KEY the created secret', () => {
    expect(container.secrets).toEqual([
      { name: 'DB_PASSWORD', valueFrom: expect.stringMatching(/aws_db_instance\.[\w-]+\.master_user_secret.*secret_arn.*:password::$/) },
      { name: 'API_KEY', valueFrom: expect.stringMatching(/^\$\{aws_secretsmanager_secret\.[\w-]+\.arn\}$/) },
    ]);
  });

  test('the task role reaches exactly the created table, key and secrets', () => {
    const byId = (sid: string) => taskStatements.find((s) => s.sid === sid)?.resources ?? [];
    expect(byId('SessionsTableCrud')).toEqual([
      expect.stringMatching(/aws_dynamodb_table\.[\w-]+\.arn/),
      expect.stringMatching(/aws_dynamodb_table\.[\w-]+\.arn\}\/index\/\*$/),
    ]);
    expect(byId('DecryptWithServiceKey')).toEqual([expect.stringMatching(/^\$\{aws_kms_key\.data_key_[\w]+\.arn\}$/)]);
    expect(byId('ReadApplicationSecrets')).toEqual([
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:fintech-dev/*',
      expect.stringMatching(/master_user_secret/),
    ]);
    expect(byId('ConnectToRedisWithIam')).toEqual([
      expect.stringMatching(/aws_elasticache_replication_group\.[\w-]+\.arn/),
      expect.stringMatching(/aws_elasticache_user\.[\w-]+\.arn/),
    ]);
  });
});
