import { Testing } from 'cdktf';
import type { ImportPins } from '../../../config/imports';
import type { EnvironmentConfig } from '../../../config/schema';
import { ConfigError } from '../../../config/load';
import { adoptionWarnings, DISTRIBUTION_ID_VARIABLE } from '../../../stacks/adoption';
import { buildApp } from '../../../stacks/app';
import { environment, onlyResource, resourcesOf, type SynthJson } from '../../helpers/synth';

type ImportBlock = { to: string; id: string };

function synthWith(env: EnvironmentConfig, imports?: ImportPins) {
  const [stacks] = buildApp(Testing.app(), [env], { imports: imports ? new Map([[env.name, imports]]) : undefined });
  const synth = Testing.synth(stacks!.delivery);
  return { synth, json: JSON.parse(synth) as SynthJson & { import?: ImportBlock[] }, adoptions: stacks!.delivery.adoptions };
}

const PINS: ImportPins = {
  environment: 'production',
  account: '296674251987',
  region: 'us-east-1',
  adoptedAt: '2026-12-01T00:00:00.000Z',
  resources: {
    ecsCluster: { id: 'fintech-cluster', evidence: {} },
    ecsService: { id: 'fintech-cluster/fintech-api-service', evidence: {} },
    loadBalancer: { id: 'arn:aws:elasticloadbalancing:us-east-1:296674251987:loadbalancer/app/fintech-alb/0123456789abcdef', evidence: {} },
    listeners: {
      '80': {
        id: 'arn:aws:elasticloadbalancing:us-east-1:296674251987:listener/app/fintech-alb/0123456789abcdef/fedcba9876543210',
        evidence: {},
      },
    },
    targetGroup: { id: 'arn:aws:elasticloadbalancing:us-east-1:296674251987:targetgroup/fintech-api-tg/0123456789abcdef', evidence: {} },
    ecrRepository: { id: 'fintech-api', evidence: {} },
    logGroup: { id: '/ecs/fintech-api', evidence: {} },
    vpcEndpoints: { 'ecr.api': { id: 'vpce-0aaaaaaaaaaaaaaaa', evidence: {} }, 'ecr.dkr': { id: 'vpce-0bbbbbbbbbbbbbbbb', evidence: {} } },
    distribution: { id: 'E2QWRUHEXAMPLE', evidence: {} },
  },
  recovered: {},
};

/** The import ID of the block that adopts into a resource of `type`. */
function importIdOf(blocks: readonly ImportBlock[], type: string, nth = 0): string | undefined {
  return blocks.filter((b) => b.to.startsWith(`${type}.`))[nth]?.id;
}

describe('adoption: production without pinned IDs', () => {
  const { json, adoptions } = synthWith(environment('production'));
  const blocks = json.import ?? [];

  test('every resource production declares is adopted by exactly one import block, none twice', () => {
    expect(blocks.map((b) => b.to.split('.')[0]).sort()).toEqual(
      [
        'aws_cloudfront_distribution',
        'aws_cloudwatch_log_group',
        'aws_ecr_repository',
        'aws_ecs_cluster',
        'aws_ecs_service',
        'aws_lb',
        'aws_lb_listener',
        'aws_lb_target_group',
        'aws_vpc_endpoint',
        'aws_vpc_endpoint',
      ].sort(),
    );
    expect(new Set(blocks.map((b) => b.to)).size).toBe(blocks.length);
  });

  test('every import block adopts into a resource the stack defines', () => {
    for (const b of blocks) {
      const [type, name] = b.to.split('.');
      expect(json.resource?.[type!]?.[name!]).toBeDefined();
    }
  });

  test('resources Terraform imports by name are imported by the names of the seed', () => {
    expect(importIdOf(blocks, 'aws_ecs_cluster')).toBe('fintech-cluster');
    expect(importIdOf(blocks, 'aws_ecs_service')).toBe('fintech-cluster/fintech-api-service');
    expect(importIdOf(blocks, 'aws_ecr_repository')).toBe('fintech-api');
    expect(importIdOf(blocks, 'aws_cloudwatch_log_group')).toBe('/ecs/fintech-api');
  });

  test('the ALB, its target group and listener are looked up by name at plan time (a miss fails the plan)', () => {
    expect(importIdOf(blocks, 'aws_lb')).toMatch(/^\$\{data\.aws_lb\.[^.]+\.arn\}$/);
    expect(importIdOf(blocks, 'aws_lb_target_group')).toMatch(/^\$\{data\.aws_lb_target_group\.[^.]+\.arn\}$/);
    expect(importIdOf(blocks, 'aws_lb_listener')).toMatch(/^\$\{data\.aws_lb_listener\.[^.]+\.arn\}$/);
    expect(Object.values(json.data?.aws_lb ?? {})).toEqual([expect.objectContaining({ name: 'fintech-alb' })]);
    expect(Object.values(json.data?.aws_lb_target_group ?? {})).toEqual([expect.objectContaining({ name: 'fintech-api-tg' })]);
    expect(Object.values(json.data?.aws_lb_listener ?? {})).toEqual([expect.objectContaining({ port: 80 })]);
  });

  test('the ECR endpoints are looked up in the seed VPC by service name, available ones only', () => {
    expect(Object.values(json.data?.aws_vpc_endpoint ?? {}).map((d) => [d.vpc_id, d.service_name, d.state])).toEqual([
      ['vpc-05ae083309505dd2d', 'com.amazonaws.us-east-1.ecr.api', 'available'],
      ['vpc-05ae083309505dd2d', 'com.amazonaws.us-east-1.ecr.dkr', 'available'],
    ]);
  });

  test('the distribution ID is a required variable, validated, naming its domain', () => {
    expect(importIdOf(blocks, 'aws_cloudfront_distribution')).toBe(`\${var.${DISTRIBUTION_ID_VARIABLE}}`);
    const variable = json.variable?.[DISTRIBUTION_ID_VARIABLE] as { default?: unknown; description?: string; validation?: unknown[] };
    expect(variable.default).toBeUndefined();
    expect(variable.description).toMatch(/d17sqls800e6wq\.cloudfront\.net/);
    expect(variable.validation).toHaveLength(1);
  });

  test('synth warns about every ID that is not pinned, and how to pin them', () => {
    const warnings = adoptionWarnings(environment('production'), adoptions);
    expect(warnings).toEqual([
      {
        path: 'config/production.imports.json',
        problem: expect.stringMatching(
          /pins no ID for loadBalancer, targetGroup, listeners\.80, vpcEndpoints\.ecr\.api, vpcEndpoints\.ecr\.dkr, so they are adopted by a lookup/,
        ),
        fix: expect.stringContaining('npm run adopt -- production'),
      },
      {
        path: 'config/production.imports.json',
        problem: expect.stringMatching(/d17sqls800e6wq\.cloudfront\.net, so the plan needs -var existing_distribution_id=<its ID>/),
        fix: expect.stringContaining('npm run adopt -- production'),
      },
    ]);
  });

  test('the adopted listener refuses requests without the origin header only after the rule and the distribution are in place', () => {
    const listener = onlyResource(JSON.stringify(json), 'aws_lb_listener');
    expect(listener.depends_on).toEqual([
      expect.stringMatching(/^aws_lb_listener_rule\./),
      expect.stringMatching(/^aws_cloudfront_distribution\./),
    ]);
    // The rule names the listener by its import ID, so it does not wait for the listener's change.
    const rule = onlyResource(JSON.stringify(json), 'aws_lb_listener_rule');
    expect(rule.listener_arn).toBe(importIdOf(blocks, 'aws_lb_listener'));
  });

  test('the tasks keep the hand-made task group beside the managed one', () => {
    const service = onlyResource(JSON.stringify(json), 'aws_ecs_service') as { network_configuration: { security_groups: string[] } };
    expect(service.network_configuration.security_groups).toEqual([expect.stringContaining('aws_security_group.'), 'sg-00f1816433ac5e19b']);
  });

  test('the ALB gets only the managed prefix-list groups: the hand-made one is replaced', () => {
    const alb = onlyResource(JSON.stringify(json), 'aws_lb') as { security_groups: string[] };
    expect(alb.security_groups.every((g) => g.startsWith('${aws_security_group.'))).toBe(true);
    expect(JSON.stringify(alb)).not.toContain('sg-08990648c310029a9');
  });
});

describe('adoption: production with the IDs adopt pinned', () => {
  const { json, adoptions } = synthWith(environment('production'), PINS);
  const blocks = json.import ?? [];

  test('every import block takes its pinned ID, and nothing is looked up or asked for', () => {
    expect(importIdOf(blocks, 'aws_lb')).toBe(PINS.resources.loadBalancer!.id);
    expect(importIdOf(blocks, 'aws_lb_listener')).toBe(PINS.resources.listeners['80']!.id);
    expect(importIdOf(blocks, 'aws_vpc_endpoint', 0)).toBe('vpce-0aaaaaaaaaaaaaaaa');
    expect(importIdOf(blocks, 'aws_cloudfront_distribution')).toBe('E2QWRUHEXAMPLE');
    expect(json.data?.aws_lb).toBeUndefined();
    expect(json.variable?.[DISTRIBUTION_ID_VARIABLE]).toBeUndefined();
    expect(adoptionWarnings(environment('production'), adoptions)).toEqual([]);
  });
});

describe('adoption: endpoints kept as they are', () => {
  const env = environment('production');
  const { json } = synthWith({
    ...env,
    existing: { ...env.existing, vpcEndpoints: { 'ecr.api': 'adopt', 'ecr.dkr': 'adopt', logs: 'keep', s3: 'keep' } },
  });

  test('no endpoint is created for a kept service', () => {
    const services = Object.values(resourcesOf(JSON.stringify(json), 'aws_vpc_endpoint')).map((e) =>
      String(e.service_name).split('.').slice(3).join('.'),
    );
    expect(services.sort()).toEqual(['dynamodb', 'ecr.api', 'ecr.dkr', 'kms', 'secretsmanager']);
  });

  test('the tasks reach a kept gateway endpoint through its AWS prefix list, and kept interface endpoints over HTTPS in the VPC', () => {
    expect(Object.values(json.data?.aws_prefix_list ?? {})).toEqual([expect.objectContaining({ name: 'com.amazonaws.us-east-1.s3' })]);
    const egress = Object.values(resourcesOf(JSON.stringify(json), 'aws_vpc_security_group_egress_rule'));
    expect(egress).toContainEqual(
      expect.objectContaining({ from_port: 443, prefix_list_id: expect.stringContaining('data.aws_prefix_list.') }),
    );
    expect(egress).toContainEqual(expect.objectContaining({ from_port: 443, cidr_ipv4: expect.stringContaining('data.aws_vpc.') }));
  });
});

describe('adoption: a greenfield environment', () => {
  const { json, adoptions } = synthWith(environment('dev'));

  test('adopts nothing: no import block, no lookup, and the listener waits for nothing', () => {
    expect(json.import).toBeUndefined();
    expect(adoptions).toEqual([]);
    expect(json.data?.aws_lb).toBeUndefined();
    expect(onlyResource(JSON.stringify(json), 'aws_lb_listener').depends_on).toBeUndefined();
  });
});

describe('recovered resources become import blocks', () => {
  const dev = environment('dev');
  const recovering = (recovered: ImportPins['recovered']): ImportPins => ({
    environment: 'dev',
    account: dev.account,
    region: dev.region,
    resources: { listeners: {}, vpcEndpoints: {} },
    recovered,
  });
  const vpcAddress = () => `aws_vpc.${Object.keys(resourcesOf(synthWith(dev).synth, 'aws_vpc'))[0]!}`;

  test('GIVEN a recovered VPC WHEN dev synthesizes THEN one import block takes it over by address', () => {
    const address = vpcAddress();
    const { json, adoptions } = synthWith(dev, recovering({ [address]: { id: 'vpc-0123456789abcdef0', evidence: {} } }));
    expect(json.import).toEqual([{ to: address, id: 'vpc-0123456789abcdef0' }]);
    expect(adoptions).toEqual([{ key: `recovered.${address}`, address, id: 'vpc-0123456789abcdef0', source: 'recovered' }]);
  });

  test('GIVEN a recovered address the stack does not have WHEN dev synthesizes THEN synth stops naming the file, the entry and the fix', () => {
    let error: unknown;
    try {
      synthWith(
        dev,
        recovering({ aws_vpc_old_name: { id: 'vpc-1', evidence: {} }, 'aws_vpc.renamed_4E8F0223': { id: 'vpc-1', evidence: {} } }),
      );
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect(e.file).toBe('dev.imports.json');
    expect(e.problems.map((p) => p.path)).toContain('recovered.aws_vpc.renamed_4E8F0223');
    expect(e.problems[0]!.message).toMatch(/not a resource of delivery-dev .*npm run recover -- dev/);
  });
});
