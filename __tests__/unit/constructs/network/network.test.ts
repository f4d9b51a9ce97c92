import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DataAwsRouteTables } from '@cdktf/provider-aws/lib/data-aws-route-tables';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformOutput, Testing } from 'cdktf';
import { Network, type NetworkProps } from '../../../../constructs/network/network';
import { onlyResource, resourcesOf } from '../../../helpers/synth';
import { outputsOf, referenceTo } from '../../../helpers/constructs';

const CIDR = '10.40.0.0/16';

/** Synthesizes a Network and exposes its public IDs as outputs. */
function synthNetwork(props: NetworkProps): string {
  return Testing.synthScope((scope) => {
    const network = new Network(scope, 'network', props);
    new TerraformOutput(scope, 'vpc_id', { value: network.vpcId });
    new TerraformOutput(scope, 'vpc_cidr_block', { value: network.vpcCidrBlock });
    new TerraformOutput(scope, 'task_subnet_ids', { value: network.taskSubnetIds });
    new TerraformOutput(scope, 'lb_subnet_ids', { value: network.loadBalancerSubnetIds });
    new TerraformOutput(scope, 'route_table_ids', { value: network.privateRouteTableIds });
  });
}

function subnetsWithTier(synth: string, tier: string): Record<string, unknown>[] {
  return Object.values(resourcesOf(synth, 'aws_subnet')).filter((s) => (s.tags as Record<string, string> | undefined)?.Tier === tier);
}

describe('Network', () => {
  describe('mode "create"', () => {
    let synth: string;
    beforeAll(() => {
      // GIVEN a created network without an AZ count
      synth = synthNetwork({ mode: 'create', cidrBlock: CIDR, namePrefix: 'fintech-dev' });
    });

    test('creates the VPC with the configured CIDR and DNS support and hostnames on (interface endpoints need private DNS)', () => {
      expect(synth).toHaveResourceWithProperties(Vpc, {
        cidr_block: CIDR,
        enable_dns_support: true,
        enable_dns_hostnames: true,
        tags: expect.objectContaining({ Name: 'fintech-dev-vpc' }),
      });
    });

    test('takes over the default security group with no ingress or egress rules (deny all)', () => {
      expect(synth).toHaveResourceWithProperties(DefaultSecurityGroup, {
        vpc_id: referenceTo(synth, 'aws_vpc', () => true),
      });
      const group = onlyResource(synth, 'aws_default_security_group');
      expect(group.ingress).toBeUndefined();
      expect(group.egress).toBeUndefined();
    });

    test('attaches an internet gateway to the VPC (a CloudFront VPC origin requires one)', () => {
      expect(synth).toHaveResourceWithProperties(InternetGateway, {
        vpc_id: referenceTo(synth, 'aws_vpc', () => true),
      });
    });

    test('routes nothing to the internet gateway: the route table has no routes and no aws_route exists', () => {
      expect(onlyResource(synth, 'aws_route_table').route).toBeUndefined();
      expect(synth).not.toHaveResource(Route);
    });

    test('creates no NAT gateway (AWS services are reached through VPC endpoints)', () => {
      expect(synth).not.toHaveResource(NatGateway);
    });

    test('spreads subnets over 2 AZs by default: two task subnets and two load balancer subnets', () => {
      expect(subnetsWithTier(synth, 'private-task')).toHaveLength(2);
      expect(subnetsWithTier(synth, 'private-lb')).toHaveLength(2);
      expect(Object.keys(resourcesOf(synth, 'aws_subnet'))).toHaveLength(4);
    });

    test('carves the task subnets as /20 blocks from the bottom of the VPC range', () => {
      const cidrs = subnetsWithTier(synth, 'private-task').map((s) => s.cidr_block);
      expect(cidrs.sort()).toEqual([`\${cidrsubnet("${CIDR}", 4, 0)}`, `\${cidrsubnet("${CIDR}", 4, 1)}`]);
    });

    test('carves the load balancer subnets as /24 blocks from the top of the VPC range', () => {
      const cidrs = subnetsWithTier(synth, 'private-lb').map((s) => s.cidr_block);
      expect(cidrs.sort()).toEqual([`\${cidrsubnet("${CIDR}", 8, 254)}`, `\${cidrsubnet("${CIDR}", 8, 255)}`]);
    });

    test('places subnet i of each tier in the i-th available AZ', () => {
      for (const tier of ['task', 'lb']) {
        for (const i of [0, 1]) {
          const subnet = Object.values(resourcesOf(synth, 'aws_subnet')).find(
            (s) => (s.tags as Record<string, string>).Name === `fintech-dev-${tier}-${i}`,
          );
          expect(subnet?.availability_zone).toMatch(
            new RegExp(`^\\$\\{element\\(data\\.aws_availability_zones\\.[^.]+\\.names, ${i}\\)\\}$`),
          );
        }
      }
    });

    test('looks up only available AZs that need no opt-in', () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsAvailabilityZones, {
        state: 'available',
        filter: [expect.objectContaining({ name: 'opt-in-status', values: ['opt-in-not-required'] })],
      });
    });

    test('never maps public IPs on launch in any subnet', () => {
      const subnets = Object.values(resourcesOf(synth, 'aws_subnet'));
      expect(subnets.map((s) => s.map_public_ip_on_launch)).toEqual([false, false, false, false]);
      expect(synth).not.toHaveResourceWithProperties(Subnet, { map_public_ip_on_launch: true });
    });

    test('associates every subnet with the single private route table', () => {
      const routeTable = referenceTo(synth, 'aws_route_table', () => true);
      const associations = Object.values(resourcesOf(synth, 'aws_route_table_association'));
      expect(associations).toHaveLength(4);
      for (const association of associations) expect(association.route_table_id).toBe(routeTable);
      const associated = associations.map((a) => a.subnet_id).sort();
      const subnets = Object.keys(resourcesOf(synth, 'aws_subnet')).map((name) => `\${aws_subnet.${name}.id}`);
      expect(associated).toEqual(subnets.sort());
    });

    test('does not look up an existing VPC or route tables', () => {
      expect(synth).not.toHaveDataSource(DataAwsVpc);
      expect(synth).not.toHaveDataSource(DataAwsRouteTables);
    });

    test('exposes the created VPC, its subnets per tier and the private route table', () => {
      const outputs = outputsOf(synth);
      expect(outputs.vpc_id).toBe(referenceTo(synth, 'aws_vpc', () => true));
      expect(outputs.vpc_cidr_block).toBe(referenceTo(synth, 'aws_vpc', () => true, 'cidr_block'));
      expect(outputs.route_table_ids).toEqual([referenceTo(synth, 'aws_route_table', () => true)]);
      expect(outputs.task_subnet_ids).toEqual([
        referenceTo(synth, 'aws_subnet', (s) => (s.tags as Record<string, string>).Name === 'fintech-dev-task-0'),
        referenceTo(synth, 'aws_subnet', (s) => (s.tags as Record<string, string>).Name === 'fintech-dev-task-1'),
      ]);
      expect(outputs.lb_subnet_ids).toEqual([
        referenceTo(synth, 'aws_subnet', (s) => (s.tags as Record<string, string>).Name === 'fintech-dev-lb-0'),
        referenceTo(synth, 'aws_subnet', (s) => (s.tags as Record<string, string>).Name === 'fintech-dev-lb-1'),
      ]);
    });
  });

  test('availabilityZoneCount 3 creates three subnets per tier, the third lb subnet at /24 index 253', () => {
    // GIVEN three AZs
    const synth = synthNetwork({ mode: 'create', cidrBlock: CIDR, availabilityZoneCount: 3, namePrefix: 'p' });
    // THEN
    expect(subnetsWithTier(synth, 'private-task')).toHaveLength(3);
    expect(subnetsWithTier(synth, 'private-lb')).toHaveLength(3);
    expect(synth).toHaveResourceWithProperties(Subnet, { cidr_block: `\${cidrsubnet("${CIDR}", 4, 2)}` });
    expect(synth).toHaveResourceWithProperties(Subnet, { cidr_block: `\${cidrsubnet("${CIDR}", 8, 253)}` });
  });

  test.each([1, 4, 2.5])('rejects availabilityZoneCount %p and names the bad value', (count) => {
    expect(() => synthNetwork({ mode: 'create', cidrBlock: CIDR, availabilityZoneCount: count, namePrefix: 'p' })).toThrow(
      new RegExp(`availabilityZoneCount must be 2 or 3 \\(got ${count}\\)`),
    );
  });

  describe('mode "existing"', () => {
    let synth: string;
    beforeAll(() => {
      synth = synthNetwork({
        mode: 'existing',
        vpcId: 'vpc-05ae083309505dd2d',
        taskSubnetIds: ['subnet-01808abced051ff76', 'subnet-08f5e862854552155'],
        loadBalancerSubnetIds: ['subnet-01a0ea892bddbe272', 'subnet-01e465ff29dc73d6e'],
        namePrefix: 'fintech-production',
      });
    });

    test('creates no resources at all', () => {
      expect(Object.keys(JSON.parse(synth) as object)).not.toContain('resource');
    });

    test('looks up the VPC by its ID (for its CIDR block)', () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsVpc, { id: 'vpc-05ae083309505dd2d' });
    });

    test('the route-table lookup fails the plan with a clear message when it finds none', () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsRouteTables, {
        lifecycle: {
          postcondition: [
            expect.objectContaining({
              condition: '${length(self.ids) > 0}',
              error_message: expect.stringContaining('No route table is explicitly associated with the task subnets'),
            }),
          ],
        },
      });
    });

    test('looks up the route tables associated with the task subnets (for the gateway endpoints)', () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsRouteTables, {
        vpc_id: 'vpc-05ae083309505dd2d',
        filter: [
          expect.objectContaining({
            name: 'association.subnet-id',
            values: ['subnet-01808abced051ff76', 'subnet-08f5e862854552155'],
          }),
        ],
      });
    });

    test('exposes the configured IDs unchanged and the looked-up CIDR and route tables', () => {
      const outputs = outputsOf(synth);
      expect(outputs).toEqual({
        vpc_id: 'vpc-05ae083309505dd2d',
        vpc_cidr_block: expect.stringMatching(/^\$\{data\.aws_vpc\.[^.]+\.cidr_block\}$/),
        task_subnet_ids: ['subnet-01808abced051ff76', 'subnet-08f5e862854552155'],
        lb_subnet_ids: ['subnet-01a0ea892bddbe272', 'subnet-01e465ff29dc73d6e'],
        route_table_ids: expect.stringMatching(/^\$\{data\.aws_route_tables\.[^.]+\.ids\}$/),
      });
    });
  });
});
