import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DataAwsRouteTables } from '@cdktf/provider-aws/lib/data-aws-route-tables';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import type { Outputs } from '../shared/outputs';

/** Reference a VPC and subnets that already exist. */
export interface ExistingNetworkProps {
  readonly mode: 'existing';
  readonly vpcId: string;
  /** Private subnets for the tasks and the interface endpoints. */
  readonly taskSubnetIds: readonly string[];
  /** Subnets for the internal load balancer. */
  readonly loadBalancerSubnetIds: readonly string[];
}

/** Create a VPC with private subnets only. */
export interface CreatedNetworkProps {
  readonly mode: 'create';
  /** IPv4 CIDR of the VPC; subnets are carved from it (/20 for tasks, /24 for the load balancer). */
  readonly cidrBlock: string;
  /**
   * Number of availability zones to spread subnets over.
   * @default 2
   */
  readonly availabilityZoneCount?: number;
}

export type NetworkProps = (ExistingNetworkProps | CreatedNetworkProps) & {
  /** Prefix for Name tags. */
  readonly namePrefix: string;
};

/**
 * The VPC the service runs in: either referenced by ID, or created with private subnets in two
 * or more AZs and no NAT gateway (AWS services are reached through VPC endpoints).
 *
 * A created VPC gets an internet gateway with no routes to it: CloudFront VPC origins require the
 * VPC to have one attached, but no subnet routes through it, so nothing is reachable from the
 * internet and nothing leaves through it.
 *
 * Lookups (data sources) in the `existing` mode, keyed by the configured IDs:
 * - `aws_vpc` — the VPC's CIDR block, for egress rules to the data stores;
 * - `aws_route_tables` — the route tables of the task subnets, for the gateway endpoints.
 */
export class Network extends Construct {
  public readonly vpcId: string;
  public readonly vpcCidrBlock: string;
  public readonly taskSubnetIds: string[];
  public readonly loadBalancerSubnetIds: string[];
  /** Route tables of the task subnets (gateway endpoints attach to these). */
  public readonly privateRouteTableIds: string[];
  /** Set when this construct created the VPC. */
  public readonly vpc?: Vpc;
  public readonly internetGateway?: InternetGateway;
  /** What an operator needs after a deploy (a stack exports them). */
  public readonly outputs: Outputs;

  public constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);

    if (props.mode === 'existing') {
      const vpc = new DataAwsVpc(this, 'vpc', { id: props.vpcId });
      const routeTables = new DataAwsRouteTables(this, 'task-route-tables', {
        vpcId: props.vpcId,
        filter: [{ name: 'association.subnet-id', values: [...props.taskSubnetIds] }],
        // Subnets that use the VPC's main route table implicitly have no association to find;
        // without route tables the gateway endpoints (S3 image layers) would get no routes.
        lifecycle: {
          postcondition: [
            {
              condition: '${length(self.ids) > 0}',
              errorMessage:
                'No route table is explicitly associated with the task subnets; associate one (subnets on the main route table are not found by this lookup).',
            },
          ],
        },
      });
      this.vpcId = props.vpcId;
      this.vpcCidrBlock = vpc.cidrBlock;
      this.taskSubnetIds = [...props.taskSubnetIds];
      this.loadBalancerSubnetIds = [...props.loadBalancerSubnetIds];
      this.privateRouteTableIds = routeTables.ids;
      this.outputs = { vpc_id: { value: this.vpcId, description: 'VPC of the service.' } };
      return;
    }

    const azCount = props.availabilityZoneCount ?? 2;
    if (!Number.isInteger(azCount) || azCount < 2 || azCount > 3) {
      throw new Error(`Network ${id}: availabilityZoneCount must be 2 or 3 (got ${azCount}).`);
    }
    const prefix = props.namePrefix;
    const vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidrBlock,
      enableDnsSupport: true, // required for interface endpoints' private DNS
      enableDnsHostnames: true,
      tags: { Name: `${prefix}-vpc` },
    });
    // Deny-all default security group (no ingress/egress rules): nothing falls back to it.
    new DefaultSecurityGroup(this, 'default-security-group', {
      vpcId: vpc.id,
      tags: { Name: `${prefix}-default-deny-all` },
    });
    const internetGateway = new InternetGateway(this, 'internet-gateway', {
      vpcId: vpc.id,
      tags: { Name: `${prefix}-igw` },
    });
    const zones = new DataAwsAvailabilityZones(this, 'zones', {
      state: 'available',
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
    });
    const routeTable = new RouteTable(this, 'private-route-table', {
      vpcId: vpc.id,
      tags: { Name: `${prefix}-private` },
    });

    const taskSubnets: Subnet[] = [];
    const loadBalancerSubnets: Subnet[] = [];
    for (let i = 0; i < azCount; i++) {
      const az = Fn.element(zones.names, i);
      // Task subnets: /20 blocks at the bottom of the range (4091 addresses each).
      const task = new Subnet(this, `task-subnet-${i}`, {
        vpcId: vpc.id,
        availabilityZone: az,
        cidrBlock: Fn.cidrsubnet(props.cidrBlock, 4, i),
        mapPublicIpOnLaunch: false,
        tags: { Name: `${prefix}-task-${i}`, Tier: 'private-task' },
      });
      // Load balancer subnets: /24 blocks from the top of the range.
      const lb = new Subnet(this, `lb-subnet-${i}`, {
        vpcId: vpc.id,
        availabilityZone: az,
        cidrBlock: Fn.cidrsubnet(props.cidrBlock, 8, 255 - i),
        mapPublicIpOnLaunch: false,
        tags: { Name: `${prefix}-lb-${i}`, Tier: 'private-lb' },
      });
      new RouteTableAssociation(this, `task-subnet-${i}-routes`, { subnetId: task.id, routeTableId: routeTable.id });
      new RouteTableAssociation(this, `lb-subnet-${i}-routes`, { subnetId: lb.id, routeTableId: routeTable.id });
      taskSubnets.push(task);
      loadBalancerSubnets.push(lb);
    }

    this.vpc = vpc;
    this.internetGateway = internetGateway;
    this.vpcId = vpc.id;
    this.vpcCidrBlock = vpc.cidrBlock;
    this.taskSubnetIds = taskSubnets.map((s) => s.id);
    this.loadBalancerSubnetIds = loadBalancerSubnets.map((s) => s.id);
    this.privateRouteTableIds = [routeTable.id];
    this.outputs = { vpc_id: { value: this.vpcId, description: 'VPC of the service.' } };
  }
}
