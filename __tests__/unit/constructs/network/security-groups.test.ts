import { DataAwsEc2ManagedPrefixList } from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { TerraformOutput, Testing } from 'cdktf';
import {
  CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST,
  SecurityGroups,
  type SecurityGroupsProps,
} from '../../../../constructs/network/security-groups';
import { resourcesOf } from '../../../helpers/synth';
import { dataReferenceTo, outputsOf, referenceTo } from '../../../helpers/constructs';

const PREFIX = 'fintech-production';
const CONTAINER_PORT = 8080;
const VPC_CIDR = '10.0.0.0/16';
const BASE: SecurityGroupsProps = {
  namePrefix: PREFIX,
  vpcId: 'vpc-05ae083309505dd2d',
  vpcCidrBlock: VPC_CIDR,
  containerPort: CONTAINER_PORT,
};

type Rule = Record<string, unknown>;

function synthGroups(overrides: Partial<SecurityGroupsProps> = {}, gatewayPrefixLists: Record<string, string> = {}): string {
  return Testing.synthScope((scope) => {
    const groups = new SecurityGroups(scope, 'security-groups', { ...BASE, ...overrides });
    for (const [name, id] of Object.entries(gatewayPrefixLists)) groups.allowTasksHttpsToPrefixList(name, id);
  });
}

/** Reference (`${aws_security_group.x.id}`) of the group named `<prefix>-<suffix>`. */
function group(synth: string, suffix: string): string {
  return referenceTo(synth, 'aws_security_group', (g) => g.name === `${PREFIX}-${suffix}`);
}

function ingressRules(synth: string): Rule[] {
  return Object.values(resourcesOf(synth, 'aws_vpc_security_group_ingress_rule'));
}

function egressRules(synth: string): Rule[] {
  return Object.values(resourcesOf(synth, 'aws_vpc_security_group_egress_rule'));
}

function rulesOn(rules: Rule[], groupRef: string): Rule[] {
  return rules.filter((r) => r.security_group_id === groupRef);
}

function groupNames(synth: string): string[] {
  return Object.values(resourcesOf(synth, 'aws_security_group'))
    .map((g) => String(g.name))
    .sort();
}

describe('SecurityGroups', () => {
  describe('with the defaults (ports 80 and 443, data stores referenced by VPC CIDR)', () => {
    let synth: string;
    let cloudFront: string;
    beforeAll(() => {
      synth = synthGroups();
      cloudFront = dataReferenceTo(synth, 'aws_ec2_managed_prefix_list');
    });

    test('looks up the CloudFront origin-facing managed prefix list by name', () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsEc2ManagedPrefixList, {
        name: 'com.amazonaws.global.cloudfront.origin-facing',
      });
      expect(CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST).toBe('com.amazonaws.global.cloudfront.origin-facing');
    });

    test('creates one load balancer group per port (80 and 443), plus the tasks and endpoints groups, and nothing else', () => {
      expect(groupNames(synth)).toEqual([`${PREFIX}-alb-443`, `${PREFIX}-alb-80`, `${PREFIX}-endpoints`, `${PREFIX}-tasks`].sort());
    });

    test('puts every group in the VPC with create_before_destroy, so a rename never leaves a resource without a group', () => {
      for (const g of Object.values(resourcesOf(synth, 'aws_security_group'))) {
        expect(g).toEqual(
          expect.objectContaining({ vpc_id: BASE.vpcId, lifecycle: expect.objectContaining({ create_before_destroy: true }) }),
        );
      }
    });

    test.each([80, 443])('the alb-%p group admits exactly that port, only from the CloudFront prefix list', (port) => {
      const rules = rulesOn(ingressRules(synth), group(synth, `alb-${port}`));
      expect(rules).toEqual([
        {
          security_group_id: group(synth, `alb-${port}`),
          description: `TCP ${port} from CloudFront`,
          ip_protocol: 'tcp',
          from_port: port,
          to_port: port,
          prefix_list_id: cloudFront,
        },
      ]);
    });

    test('every ingress rule that references the CloudFront prefix list is on a load balancer group (one rule per group)', () => {
      const cloudFrontRules = ingressRules(synth).filter((r) => r.prefix_list_id === cloudFront);
      expect(cloudFrontRules.map((r) => r.security_group_id).sort()).toEqual([group(synth, 'alb-80'), group(synth, 'alb-443')].sort());
    });

    test('the load balancer may only open the container port to the tasks group', () => {
      const albEgress = egressRules(synth).filter(
        (r) => r.security_group_id === group(synth, 'alb-80') || r.security_group_id === group(synth, 'alb-443'),
      );
      expect(albEgress).toEqual([
        expect.objectContaining({
          ip_protocol: 'tcp',
          from_port: CONTAINER_PORT,
          to_port: CONTAINER_PORT,
          referenced_security_group_id: group(synth, 'tasks'),
        }),
      ]);
    });

    test('the tasks admit only the container port, only from the load balancer groups', () => {
      const rules = rulesOn(ingressRules(synth), group(synth, 'tasks'));
      expect(rules).toHaveLength(2);
      for (const rule of rules) {
        expect(rule).toEqual(expect.objectContaining({ ip_protocol: 'tcp', from_port: CONTAINER_PORT, to_port: CONTAINER_PORT }));
        expect(rule.cidr_ipv4).toBeUndefined();
        expect(rule.prefix_list_id).toBeUndefined();
      }
      expect(rules.map((r) => r.referenced_security_group_id).sort()).toEqual([group(synth, 'alb-80'), group(synth, 'alb-443')].sort());
    });

    test('the tasks may open HTTPS to the endpoints group', () => {
      expect(synth).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
        security_group_id: group(synth, 'tasks'),
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        referenced_security_group_id: group(synth, 'endpoints'),
      });
    });

    test('the endpoints admit only HTTPS, only from the tasks group', () => {
      expect(rulesOn(ingressRules(synth), group(synth, 'endpoints'))).toEqual([
        expect.objectContaining({
          ip_protocol: 'tcp',
          from_port: 443,
          to_port: 443,
          referenced_security_group_id: group(synth, 'tasks'),
        }),
      ]);
    });

    test('the endpoints group has no egress rule', () => {
      expect(rulesOn(egressRules(synth), group(synth, 'endpoints'))).toEqual([]);
    });

    test('by default the tasks may open 6379 and 5432 to the VPC CIDR (referenced data tier), and nothing else by CIDR', () => {
      const cidrRules = egressRules(synth).filter((r) => r.cidr_ipv4 !== undefined);
      expect(cidrRules.map((r) => [r.security_group_id, r.from_port, r.to_port, r.cidr_ipv4])).toEqual(
        expect.arrayContaining([
          [group(synth, 'tasks'), 6379, 6379, VPC_CIDR],
          [group(synth, 'tasks'), 5432, 5432, VPC_CIDR],
        ]),
      );
      expect(cidrRules).toHaveLength(2);
    });

    test('the tasks egress is exactly endpoints HTTPS plus the data-store ports', () => {
      const tasksEgress = rulesOn(egressRules(synth), group(synth, 'tasks'));
      expect(tasksEgress.map((r) => r.from_port).sort()).toEqual([443, 5432, 6379]);
    });

    test('every rule is TCP with a single port (no "all traffic" rule, no port range)', () => {
      for (const rule of [...ingressRules(synth), ...egressRules(synth)]) {
        expect(rule.ip_protocol).toBe('tcp');
        expect(rule.to_port).toBe(rule.from_port);
      }
    });
  });

  describe('no rule is open to the internet', () => {
    const variants: [string, () => string][] = [
      ['defaults', () => synthGroups()],
      ['one port, custom data-store ports', () => synthGroups({ loadBalancerPorts: [8443], dataStorePorts: [3306] })],
      [
        'created data tier with gateway prefix lists',
        () =>
          synthGroups(
            { dataStoreGroups: { redis: 6379, postgres: 5432 }, dataStorePorts: [] },
            { s3: 'pl-63a5400a', dynamodb: 'pl-02cd2c6b' },
          ),
      ],
    ];

    test.each(variants)('%s: no ingress or egress rule has cidr_ipv4 0.0.0.0/0 or any IPv6 CIDR', (_name, synthesize) => {
      const synth = synthesize();
      const rules = [...ingressRules(synth), ...egressRules(synth)];
      expect(rules.length).toBeGreaterThan(0);
      for (const rule of rules) {
        expect(rule.cidr_ipv4).not.toBe('0.0.0.0/0');
        expect(rule.cidr_ipv6).toBeUndefined();
      }
      expect(synth).not.toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { cidr_ipv4: '0.0.0.0/0' });
      expect(synth).not.toHaveResourceWithProperties(VpcSecurityGroupEgressRule, { cidr_ipv4: '0.0.0.0/0' });
      expect(synth).not.toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { cidr_ipv6: '::/0' });
      expect(synth).not.toHaveResourceWithProperties(VpcSecurityGroupEgressRule, { cidr_ipv6: '::/0' });
    });

    test.each(variants)('%s: no ingress rule uses a CIDR at all', (_name, synthesize) => {
      for (const rule of ingressRules(synthesize())) expect(rule.cidr_ipv4).toBeUndefined();
    });
  });

  test('loadBalancerPorts overrides the default: one group per listed port, each admitting its own port', () => {
    // GIVEN a single listener port
    const synth = synthGroups({ loadBalancerPorts: [8443] });
    // THEN only one load balancer group exists, admitting 8443 from CloudFront
    expect(groupNames(synth)).toEqual([`${PREFIX}-alb-8443`, `${PREFIX}-endpoints`, `${PREFIX}-tasks`]);
    expect(synth).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      security_group_id: group(synth, 'alb-8443'),
      from_port: 8443,
      to_port: 8443,
      prefix_list_id: dataReferenceTo(synth, 'aws_ec2_managed_prefix_list'),
    });
    expect(synth).not.toHaveResourceWithProperties(SecurityGroup, { name: `${PREFIX}-alb-80` });
  });

  test('the load balancer-to-tasks egress sits on the first load balancer group', () => {
    const synth = synthGroups({ loadBalancerPorts: [443, 80] });
    expect(synth).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      security_group_id: group(synth, 'alb-443'),
      referenced_security_group_id: group(synth, 'tasks'),
      from_port: CONTAINER_PORT,
    });
  });

  test('exposes the load balancer groups in the order of loadBalancerPorts', () => {
    const synth = Testing.synthScope((scope) => {
      const groups = new SecurityGroups(scope, 'security-groups', { ...BASE, loadBalancerPorts: [443, 80] });
      new TerraformOutput(scope, 'load_balancer_group_ids', { value: groups.loadBalancer.map((g) => g.id) });
    });
    expect(outputsOf(synth).load_balancer_group_ids).toEqual([group(synth, 'alb-443'), group(synth, 'alb-80')]);
  });

  test('dataStorePorts overrides the default CIDR egress ports', () => {
    const synth = synthGroups({ dataStorePorts: [3306] });
    const cidrRules = egressRules(synth).filter((r) => r.cidr_ipv4 !== undefined);
    expect(cidrRules).toEqual([
      expect.objectContaining({ security_group_id: group(synth, 'tasks'), from_port: 3306, to_port: 3306, cidr_ipv4: VPC_CIDR }),
    ]);
  });

  test.each([[[]], [[80, 443, 8080, 8443, 9000]]])(
    'rejects loadBalancerPorts %j (1–4 ports) and lists the bad value',
    (ports: number[]) => {
      expect(() => synthGroups({ loadBalancerPorts: ports })).toThrow(
        new RegExp(`loadBalancerPorts must list 1–4 ports .*got \\[${ports.join(', ')}\\]`),
      );
    },
  );

  describe('with data-store groups (created data tier)', () => {
    let synth: string;
    beforeAll(() => {
      synth = synthGroups({ dataStoreGroups: { redis: 6379, postgres: 5432 } });
    });

    test('creates one group per data store', () => {
      expect(groupNames(synth)).toEqual(expect.arrayContaining([`${PREFIX}-redis`, `${PREFIX}-postgres`]));
      expect(groupNames(synth)).toHaveLength(6);
    });

    test.each([
      ['redis', 6379],
      ['postgres', 5432],
    ])('the %s group admits only its port %p, only from the tasks', (name, port) => {
      expect(rulesOn(ingressRules(synth), group(synth, name))).toEqual([
        expect.objectContaining({
          ip_protocol: 'tcp',
          from_port: port,
          to_port: port,
          referenced_security_group_id: group(synth, 'tasks'),
        }),
      ]);
    });

    test.each([
      ['redis', 6379],
      ['postgres', 5432],
    ])('the tasks reach %s on %p through its group, not the VPC CIDR', (name, port) => {
      expect(synth).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
        security_group_id: group(synth, 'tasks'),
        from_port: port,
        to_port: port,
        referenced_security_group_id: group(synth, name),
      });
      expect(synth).not.toHaveResourceWithProperties(VpcSecurityGroupEgressRule, { from_port: port, cidr_ipv4: VPC_CIDR });
    });

    test('the data-store groups have no egress rule', () => {
      expect(rulesOn(egressRules(synth), group(synth, 'redis'))).toEqual([]);
      expect(rulesOn(egressRules(synth), group(synth, 'postgres'))).toEqual([]);
    });
  });

  test('a port in dataStoreGroups is dropped from the CIDR egress; the other default port keeps it', () => {
    const synth = synthGroups({ dataStoreGroups: { redis: 6379 } });
    const cidrRules = egressRules(synth).filter((r) => r.cidr_ipv4 !== undefined);
    expect(cidrRules.map((r) => r.from_port)).toEqual([5432]);
  });

  test('allowTasksHttpsToPrefixList lets the tasks open HTTPS to a gateway endpoint prefix list', () => {
    const synth = synthGroups({}, { s3: 'pl-63a5400a' });
    expect(synth).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      security_group_id: group(synth, 'tasks'),
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      prefix_list_id: 'pl-63a5400a',
      description: 'HTTPS to the s3 gateway endpoint',
    });
  });
});

describe('SecurityGroups input validation', () => {
  test('a load balancer port listed twice is rejected, naming the port', () => {
    expect(() => synthGroups({ loadBalancerPorts: [80, 80] })).toThrow(/loadBalancerPorts lists 80 twice/);
  });

  test('a data-store group named like a built-in group is rejected, naming it', () => {
    expect(() => synthGroups({ dataStoreGroups: { tasks: 6379 } })).toThrow(/dataStoreGroups name "tasks" is taken/);
  });
});
