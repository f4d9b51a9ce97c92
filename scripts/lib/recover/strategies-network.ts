/**
 * Recovery lookups of the network: the VPC and what is in it (subnets, gateways, route tables,
 * endpoints, security groups and their rules, flow logs), by Name tag or by parent and position.
 */
import {
  DescribeFlowLogsCommand,
  DescribeInternetGatewaysCommand,
  DescribePrefixListsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import { byNameTag, found, literal, upsert, type Found, type Strategy } from './strategy';

/**
 * A security-group rule: by its group, direction, protocol, ports and source (a referenced group,
 * a prefix list or a CIDR), and its description where the API returns one.
 */
function groupRule(egress: boolean): Strategy {
  return {
    kind: 'find',
    by: 'its group, protocol, ports and source',
    find: async (ctx, config) => {
      const group = ctx.resolve(config.security_group_id);
      const sourceGroup = config.referenced_security_group_id === undefined ? undefined : ctx.resolve(config.referenced_security_group_id);
      const cidr = config.cidr_ipv4 === undefined ? undefined : ctx.resolve(config.cidr_ipv4);
      if (group === undefined) return 'unresolved';
      if (config.referenced_security_group_id !== undefined && sourceGroup === undefined) return 'unresolved';
      if (config.cidr_ipv4 !== undefined && cidr === undefined) return 'unresolved';
      const prefixList = config.prefix_list_id === undefined ? undefined : ctx.resolve(config.prefix_list_id);
      const out = await ctx.c.ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [group] }] }));
      return (out.SecurityGroupRules ?? [])
        .filter(
          (r) =>
            r.IsEgress === egress &&
            r.IpProtocol === String(config.ip_protocol) &&
            (config.from_port === undefined || r.FromPort === Number(config.from_port)) &&
            (config.to_port === undefined || r.ToPort === Number(config.to_port)) &&
            (sourceGroup === undefined || r.ReferencedGroupInfo?.GroupId === sourceGroup) &&
            (cidr === undefined || r.CidrIpv4 === cidr) &&
            (config.prefix_list_id === undefined
              ? r.PrefixListId === undefined
              : r.PrefixListId !== undefined && (prefixList === undefined || r.PrefixListId === prefixList)) &&
            (r.Description === undefined || config.description === undefined || r.Description === config.description),
        )
        .flatMap((r) => found(r.SecurityGroupRuleId));
    },
  };
}

/** Network resources: most have no name, so a second create duplicates them silently. */
export const NETWORK_STRATEGIES: Readonly<Record<string, Strategy>> = {
  // Network: no names, so a second create duplicates them silently; the Name tag identifies them.
  aws_vpc: byNameTag(async (c, filters) =>
    ((await c.ec2.send(new DescribeVpcsCommand({ Filters: filters }))).Vpcs ?? []).flatMap((v) =>
      found(v.VpcId, { cidr_block: v.CidrBlock }),
    ),
  ),
  aws_subnet: byNameTag(async (c, filters) =>
    ((await c.ec2.send(new DescribeSubnetsCommand({ Filters: filters }))).Subnets ?? []).flatMap((s) => found(s.SubnetId)),
  ),
  aws_internet_gateway: byNameTag(async (c, filters) =>
    (
      (await c.ec2.send(new DescribeInternetGatewaysCommand({ Filters: filters.filter((f) => f.Name !== 'vpc-id') }))).InternetGateways ??
      []
    ).flatMap((g) => found(g.InternetGatewayId)),
  ),
  aws_route_table: byNameTag(async (c, filters) =>
    ((await c.ec2.send(new DescribeRouteTablesCommand({ Filters: filters }))).RouteTables ?? []).flatMap((t) => found(t.RouteTableId)),
  ),
  aws_route_table_association: {
    kind: 'find',
    by: 'its subnet and route table',
    find: async (ctx, config) => {
      const subnet = ctx.resolve(config.subnet_id);
      const table = ctx.resolve(config.route_table_id);
      if (subnet === undefined || table === undefined) return 'unresolved';
      const out = await ctx.c.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [table] }));
      const associated = (out.RouteTables ?? []).flatMap((t) => t.Associations ?? []).some((a) => a.SubnetId === subnet);
      return associated ? found(`${subnet}/${table}`) : [];
    },
  },
  aws_vpc_endpoint: byNameTag(async (c, filters) => {
    const endpoints = ((await c.ec2.send(new DescribeVpcEndpointsCommand({ Filters: filters }))).VpcEndpoints ?? []).filter(
      (e) => !['deleted', 'deleting', 'failed'].includes(String(e.State ?? '').toLowerCase()),
    );
    const result: Found[] = [];
    for (const e of endpoints) {
      // A gateway endpoint's prefix list (what egress rules to it reference) is the service's.
      const lists =
        e.VpcEndpointType === 'Gateway' && e.ServiceName
          ? ((await c.ec2.send(new DescribePrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: [e.ServiceName] }] })))
              .PrefixLists ?? [])
          : [];
      result.push(...found(e.VpcEndpointId, { prefix_list_id: lists[0]?.PrefixListId }));
    }
    return result;
  }),
  aws_security_group: {
    kind: 'find',
    by: 'name',
    find: async (ctx, config) => {
      const name = literal(config.name);
      const vpc = ctx.resolve(config.vpc_id);
      if (name === undefined || vpc === undefined) return 'unresolved';
      const filters = [
        { Name: 'group-name', Values: [name] },
        { Name: 'vpc-id', Values: [vpc] },
      ];
      return ((await ctx.c.ec2.send(new DescribeSecurityGroupsCommand({ Filters: filters }))).SecurityGroups ?? []).flatMap((g) =>
        found(g.GroupId, { arn: g.SecurityGroupArn }),
      );
    },
  },
  aws_default_security_group: upsert('takes over the default group the VPC already has; a second run does the same'),
  aws_vpc_security_group_ingress_rule: groupRule(false),
  aws_vpc_security_group_egress_rule: groupRule(true),
  aws_flow_log: {
    kind: 'find',
    by: 'its VPC and destination',
    find: async (ctx, config) => {
      const vpc = ctx.resolve(config.vpc_id);
      if (vpc === undefined) return 'unresolved';
      const destination = ctx.resolve(config.log_destination);
      const out = await ctx.c.ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpc] }] }));
      return (out.FlowLogs ?? [])
        .filter(
          (f) =>
            destination === undefined || f.LogDestination === destination || (f.LogGroupName && destination.endsWith(`:${f.LogGroupName}`)),
        )
        .flatMap((f) => found(f.FlowLogId));
    },
  },
};
