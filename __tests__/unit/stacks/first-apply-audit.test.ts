/**
 * The findings of the pre-apply audit of the synthesized stacks (what real AWS would refuse or
 * regret), each pinned on the production and dev JSON exactly as `npm run synth` writes it.
 */
import { Testing } from 'cdktf';
import { loadAllEnvironments } from '../../../config/load';
import { buildApp } from '../../../stacks/app';
import { referenceTo } from '../../helpers/constructs';
import { environment, onlyResource, resourcesOf, synthDelivery } from '../../helpers/synth';

const ENVIRONMENTS = ['production', 'dev'] as const;
const synths: Record<string, string> = {};

beforeAll(() => {
  for (const name of ENVIRONMENTS) synths[name] = synthDelivery(name);
});

describe.each(ENVIRONMENTS)('%s: the WAF', (name) => {
  test('logs redact the authorization and cookie headers', () => {
    expect(onlyResource(synths[name]!, 'aws_wafv2_web_acl_logging_configuration').redacted_fields).toEqual([
      { single_header: { name: 'authorization' } },
      { single_header: { name: 'cookie' } },
    ]);
  });

  test('counts, instead of blocking, bodies over 8 KB and requests without a User-Agent; the rest of the common rule set blocks', () => {
    const rules = onlyResource(synths[name]!, 'aws_wafv2_web_acl').rule as {
      name: string;
      override_action?: unknown;
      statement: { managed_rule_group_statement?: { rule_action_override: unknown[] } };
    }[];
    const common = rules.find((r) => r.name === 'AWSManagedRulesCommonRuleSet')!;
    expect(common.override_action).toEqual({ none: {} });
    expect(common.statement.managed_rule_group_statement!.rule_action_override).toEqual([
      { name: 'SizeRestrictions_BODY', action_to_use: { count: {} } },
      { name: 'NoUserAgent_HEADER', action_to_use: { count: {} } },
    ]);
  });
});

describe('flow logs on every VPC the stack uses', () => {
  test('production: the existing VPC vpc-05ae083309505dd2d gets a flow log of all traffic', () => {
    expect(onlyResource(synths.production!, 'aws_flow_log')).toEqual(
      expect.objectContaining({ vpc_id: 'vpc-05ae083309505dd2d', traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' }),
    );
  });

  test("production: its log group is encrypted with the data tier's existing key", () => {
    const group = Object.values(resourcesOf(synths.production!, 'aws_cloudwatch_log_group')).find(
      (g) => g.name === '/vpc/fintech-production/flow-logs',
    );
    expect(group).toEqual(
      expect.objectContaining({
        kms_key_id: 'arn:aws:kms:us-east-1:296674251987:key/d9c8447f-91df-4df9-a012-6a5b6eab3cd0',
        retention_in_days: 90,
      }),
    );
  });

  test('dev: the VPC it creates keeps its flow log', () => {
    expect(onlyResource(synths.dev!, 'aws_flow_log').vpc_id).toBe(referenceTo(synths.dev!, 'aws_vpc', () => true));
  });
});

describe('the ALB security groups open exactly the listener ports', () => {
  /** [group name, port] of every ingress rule from the CloudFront prefix list. */
  function cloudFrontIngress(synth: string): [string, number][] {
    const groups = resourcesOf(synth, 'aws_security_group');
    return Object.values(resourcesOf(synth, 'aws_vpc_security_group_ingress_rule'))
      .filter((r) => String(r.prefix_list_id).includes('data.aws_ec2_managed_prefix_list'))
      .map((r): [string, number] => {
        const name = /aws_security_group\.([\w-]+)\.id/.exec(String(r.security_group_id))![1]!;
        return [String(groups[name]!.name), Number(r.from_port)];
      });
  }

  test.each(ENVIRONMENTS)('%s: without a certificate only port 80 (the HTTP listener) is open, in one group', (name) => {
    expect(cloudFrontIngress(synths[name]!)).toEqual([[`fintech-${name}-alb-80`, 80]]);
    expect(Object.values(resourcesOf(synths[name]!, 'aws_security_group')).map((g) => g.name)).not.toContain(`fintech-${name}-alb-443`);
  });

  test('with a certificate, 443 (the HTTPS listener) is opened too, in a group of its own', () => {
    const env = environment('production');
    const withCertificate = {
      ...env,
      loadBalancer: {
        ...env.loadBalancer,
        certificateArn: 'arn:aws:acm:us-east-1:296674251987:certificate/0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f',
      },
      edge: { ...env.edge, originDomainName: 'origin.internal.example.com' },
    };
    expect(cloudFrontIngress(synthDelivery(withCertificate)).sort()).toEqual([
      ['fintech-production-alb-443', 443],
      ['fintech-production-alb-80', 80],
    ]);
  });
});

describe('dev: PostgreSQL', () => {
  test('engine_version is the major "16": RDS upgrades minors itself (auto_minor_version_upgrade), so a plan never tries to downgrade', () => {
    expect(onlyResource(synths.dev!, 'aws_db_instance')).toEqual(
      expect.objectContaining({ engine: 'postgres', engine_version: '16', auto_minor_version_upgrade: true }),
    );
  });
});

describe('the Terraform version', () => {
  test.each(['aws', 'emulator'] as const)(
    'every %s stack requires Terraform >= 1.11 (use_lockfile is experimental in 1.10, unknown before)',
    (target) => {
      const environments = loadAllEnvironments().filter((e) => target === 'aws' || e.network.mode === 'create');
      const stacks = buildApp(Testing.app(), environments, { target }).flatMap((s) => [s.bootstrap, s.delivery]);
      expect(stacks.length).toBeGreaterThan(0);
      for (const stack of stacks) {
        const json = JSON.parse(Testing.synth(stack)) as { terraform: { required_version?: string } };
        expect({ stack: stack.node.id, required_version: json.terraform.required_version }).toEqual({
          stack: stack.node.id,
          required_version: '>= 1.11',
        });
      }
    },
  );
});

describe('every log group is created by the stack, encrypted and with a retention, before AWS would create it', () => {
  const KEYS = { production: 'arn:aws:kms:us-east-1:296674251987:key/d9c8447f-91df-4df9-a012-6a5b6eab3cd0' } as Record<string, string>;

  function logGroup(name: string, group: string): Record<string, unknown> | undefined {
    return Object.values(resourcesOf(synths[name]!, 'aws_cloudwatch_log_group')).find((g) => g.name === group);
  }

  test.each([
    ['production', '/aws/ecs/containerinsights/fintech-cluster/performance', 90],
    ['dev', '/aws/ecs/containerinsights/fintech-dev-cluster/performance', 30],
    ['dev', '/aws/rds/instance/fintech-dev-db/postgresql', 30],
    ['dev', '/aws/rds/instance/fintech-dev-db/upgrade', 30],
  ])('%s: %s', (name, group, retention) => {
    expect(logGroup(name, group)).toEqual(
      expect.objectContaining({
        retention_in_days: retention,
        kms_key_id: KEYS[name] ?? expect.stringMatching(/^\$\{aws_kms_key\.data_key_\w+\.arn\}$/),
      }),
    );
  });
});
