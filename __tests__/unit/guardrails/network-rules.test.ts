import { DataAwsEc2ManagedPrefixList } from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { TerraformStack } from 'cdktf';
import { findingFor, givenStack } from '../../helpers/guardrails';

/** A VPC and one security group in it. */
function givenVpcAndGroup(stack: TerraformStack, groupId = 'group') {
  const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
  const group = new SecurityGroup(stack, groupId, { name: groupId, vpcId: vpc.id });
  return { vpc, group };
}

/** An internal ALB with the given security groups. */
function givenAlb(stack: TerraformStack, securityGroups: string[]): Lb {
  return new Lb(stack, 'alb', {
    name: 'alb',
    internal: true,
    loadBalancerType: 'application',
    securityGroups,
    subnets: ['subnet-a', 'subnet-b'],
  });
}

function ingress(
  stack: TerraformStack,
  id: string,
  props: Omit<ConstructorParameters<typeof VpcSecurityGroupIngressRule>[2], 'ipProtocol'> & { ipProtocol?: string },
) {
  return new VpcSecurityGroupIngressRule(stack, id, { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ...props });
}

describe('FIN-SG1', () => {
  test('compliant: GIVEN ingress from a referenced security group WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const { group } = givenVpcAndGroup(stack);
    const peer = new SecurityGroup(stack, 'peer', { name: 'peer' });
    const rule = ingress(stack, 'from-peer', { securityGroupId: group.id, referencedSecurityGroupId: peer.id });

    expect(findingFor(stack, 'FIN-SG1', rule).status).toBe('compliant');
  });

  test('non-compliant: GIVEN an ingress rule from 0.0.0.0/0 WHEN evaluated THEN the reason names the CIDR and the port', () => {
    const { stack } = givenStack();
    const { group } = givenVpcAndGroup(stack);
    const rule = ingress(stack, 'from-anywhere', { securityGroupId: group.id, cidrIpv4: '0.0.0.0/0', fromPort: 80, toPort: 80 });

    const finding = findingFor(stack, 'FIN-SG1', rule);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('cidr_ipv4 "0.0.0.0/0"');
    expect(finding.reason).toContain('tcp 80');
  });

  test('non-compliant: GIVEN an inline ingress block from ::/0 WHEN evaluated THEN the group is non-compliant naming ::/0', () => {
    const { stack } = givenStack();
    const group = new SecurityGroup(stack, 'inline', {
      name: 'inline',
      ingress: [{ protocol: 'tcp', fromPort: 22, toPort: 22, ipv6CidrBlocks: ['::/0'] }],
    });

    const finding = findingFor(stack, 'FIN-SG1', group);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('cidr_ipv6 "::/0"');
  });
});

describe('FIN-SG2', () => {
  function givenCloudFrontList(stack: TerraformStack): DataAwsEc2ManagedPrefixList {
    return new DataAwsEc2ManagedPrefixList(stack, 'cloudfront', { name: 'com.amazonaws.global.cloudfront.origin-facing' });
  }

  test('compliant: GIVEN the ALB group admits only the CloudFront origin-facing prefix list WHEN evaluated THEN the rule and the ALB are compliant', () => {
    const { stack } = givenStack();
    const { group } = givenVpcAndGroup(stack, 'alb-group');
    const alb = givenAlb(stack, [group.id]);
    const rule = ingress(stack, 'from-cloudfront', { securityGroupId: group.id, prefixListId: givenCloudFrontList(stack).id });

    expect(findingFor(stack, 'FIN-SG2', rule).status).toBe('compliant');
    expect(findingFor(stack, 'FIN-SG2', alb).status).toBe('compliant');
  });

  test('non-compliant: GIVEN the ALB group admits a VPC CIDR WHEN evaluated THEN the reason names the CIDR and the CloudFront list to use', () => {
    const { stack } = givenStack();
    const { group } = givenVpcAndGroup(stack, 'alb-group');
    givenAlb(stack, [group.id]);
    const rule = ingress(stack, 'from-vpc', { securityGroupId: group.id, cidrIpv4: '10.0.0.0/8' });

    const finding = findingFor(stack, 'FIN-SG2', rule);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('cidr_ipv4 "10.0.0.0/8"');
    expect(finding.reason).toContain('com.amazonaws.global.cloudfront.origin-facing');
  });

  test('non-compliant: GIVEN an ALB on a security group not created in the stack WHEN evaluated THEN the reason names the group ID', () => {
    const { stack } = givenStack();
    const alb = givenAlb(stack, ['sg-0123456789abcdef0']);

    const finding = findingFor(stack, 'FIN-SG2', alb);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('"sg-0123456789abcdef0"');
  });
});

describe('FIN-SG3', () => {
  function givenServiceOn(stack: TerraformStack, groupId: string): EcsService {
    return new EcsService(stack, 'service', { name: 'api', networkConfiguration: { subnets: ['subnet-a'], securityGroups: [groupId] } });
  }

  test('compliant: GIVEN the task group admits only the ALB group WHEN evaluated THEN the rule and the service are compliant', () => {
    const { stack } = givenStack();
    const { group: albGroup } = givenVpcAndGroup(stack, 'alb-group');
    const taskGroup = new SecurityGroup(stack, 'task-group', { name: 'tasks' });
    givenAlb(stack, [albGroup.id]);
    const service = givenServiceOn(stack, taskGroup.id);
    const rule = ingress(stack, 'from-alb', {
      securityGroupId: taskGroup.id,
      referencedSecurityGroupId: albGroup.id,
      fromPort: 8080,
      toPort: 8080,
    });

    expect(findingFor(stack, 'FIN-SG3', rule).status).toBe('compliant');
    expect(findingFor(stack, 'FIN-SG3', service).status).toBe('compliant');
  });

  test('non-compliant: GIVEN the task group admits the VPC CIDR WHEN evaluated THEN the reason names the CIDR', () => {
    const { stack } = givenStack();
    const { group: albGroup } = givenVpcAndGroup(stack, 'alb-group');
    const taskGroup = new SecurityGroup(stack, 'task-group', { name: 'tasks' });
    givenAlb(stack, [albGroup.id]);
    givenServiceOn(stack, taskGroup.id);
    const rule = ingress(stack, 'from-vpc', { securityGroupId: taskGroup.id, cidrIpv4: '10.0.0.0/16', fromPort: 8080, toPort: 8080 });

    const finding = findingFor(stack, 'FIN-SG3', rule);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('cidr_ipv4 "10.0.0.0/16"');
  });
});

describe('FIN-SG4', () => {
  function givenInterfaceEndpoint(stack: TerraformStack, vpc: Vpc, groupId: string): VpcEndpoint {
    return new VpcEndpoint(stack, 'endpoint', {
      vpcId: vpc.id,
      serviceName: 'com.amazonaws.us-east-1.logs',
      vpcEndpointType: 'Interface',
      securityGroupIds: [groupId],
    });
  }

  test("compliant: GIVEN the endpoint group admits tcp 443 from the VPC's cidr_block WHEN evaluated THEN the rule is compliant", () => {
    const { stack } = givenStack();
    const { vpc, group } = givenVpcAndGroup(stack, 'endpoint-group');
    givenInterfaceEndpoint(stack, vpc, group.id);
    const rule = ingress(stack, 'https-from-vpc', { securityGroupId: group.id, cidrIpv4: vpc.cidrBlock });

    expect(findingFor(stack, 'FIN-SG4', rule).status).toBe('compliant');
  });

  test('non-compliant: GIVEN the endpoint group admits every TCP port WHEN evaluated THEN the reason names the port range', () => {
    const { stack } = givenStack();
    const { vpc, group } = givenVpcAndGroup(stack, 'endpoint-group');
    const peer = new SecurityGroup(stack, 'peer', { name: 'peer' });
    givenInterfaceEndpoint(stack, vpc, group.id);
    const rule = ingress(stack, 'all-ports', { securityGroupId: group.id, referencedSecurityGroupId: peer.id, fromPort: 0, toPort: 65535 });

    const finding = findingFor(stack, 'FIN-SG4', rule);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('tcp 0-65535');
  });

  test('non-compliant: GIVEN the endpoint group admits 443 from a CIDR outside the VPC WHEN evaluated THEN the reason names the CIDR', () => {
    const { stack } = givenStack();
    const { vpc, group } = givenVpcAndGroup(stack, 'endpoint-group');
    givenInterfaceEndpoint(stack, vpc, group.id);
    const rule = ingress(stack, 'from-elsewhere', { securityGroupId: group.id, cidrIpv4: '192.168.0.0/16' });

    const finding = findingFor(stack, 'FIN-SG4', rule);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('cidr_ipv4 "192.168.0.0/16"');
  });
});

describe('FIN-NET1', () => {
  test('compliant: GIVEN a private subnet and an internal ALB WHEN evaluated THEN both are compliant', () => {
    const { stack } = givenStack();
    const { vpc, group } = givenVpcAndGroup(stack);
    const subnet = new Subnet(stack, 'subnet', { vpcId: vpc.id, cidrBlock: '10.0.1.0/24', mapPublicIpOnLaunch: false });
    const alb = givenAlb(stack, [group.id]);

    expect(findingFor(stack, 'FIN-NET1', subnet).status).toBe('compliant');
    expect(findingFor(stack, 'FIN-NET1', alb).status).toBe('compliant');
  });

  test('non-compliant: GIVEN a subnet that maps public IPs on launch WHEN evaluated THEN the reason names map_public_ip_on_launch', () => {
    const { stack } = givenStack();
    const { vpc } = givenVpcAndGroup(stack);
    const subnet = new Subnet(stack, 'subnet', { vpcId: vpc.id, cidrBlock: '10.0.1.0/24', mapPublicIpOnLaunch: true });

    const finding = findingFor(stack, 'FIN-NET1', subnet);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('map_public_ip_on_launch is true');
  });

  test('non-compliant: GIVEN an ECS service assigning public IPs WHEN evaluated THEN the reason names assign_public_ip', () => {
    const { stack } = givenStack();
    const service = new EcsService(stack, 'service', {
      name: 'api',
      networkConfiguration: { subnets: ['subnet-a'], securityGroups: ['sg-1'], assignPublicIp: true },
    });

    const finding = findingFor(stack, 'FIN-NET1', service);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('assign_public_ip is true');
  });
});

describe('FIN-SG6', () => {
  /** The CloudFront origin-facing prefix list, looked up as the stack does. */
  function givenCloudFrontList(stack: TerraformStack) {
    return new DataAwsEc2ManagedPrefixList(stack, 'cloudfront', { name: 'com.amazonaws.global.cloudfront.origin-facing' });
  }

  test('compliant: GIVEN a group with one CloudFront prefix-list rule and 5 CIDR rules (55 + 5 = 60) WHEN evaluated THEN it is within the quota', () => {
    const { stack } = givenStack();
    const { group } = givenVpcAndGroup(stack);
    ingress(stack, 'from-cloudfront', { securityGroupId: group.id, prefixListId: givenCloudFrontList(stack).id, fromPort: 80, toPort: 80 });
    for (let i = 0; i < 5; i++) ingress(stack, `cidr-${i}`, { securityGroupId: group.id, cidrIpv4: `10.0.${i}.0/24` });

    expect(findingFor(stack, 'FIN-SG6', group).status).toBe('compliant');
  });

  test('non-compliant: GIVEN the CloudFront prefix list beside 6 CIDR rules (61) WHEN evaluated THEN the reason gives the weighted count and the fix', () => {
    const { stack } = givenStack();
    const { group } = givenVpcAndGroup(stack);
    ingress(stack, 'from-cloudfront', { securityGroupId: group.id, prefixListId: givenCloudFrontList(stack).id, fromPort: 80, toPort: 80 });
    for (let i = 0; i < 6; i++) ingress(stack, `cidr-${i}`, { securityGroupId: group.id, cidrIpv4: `10.0.${i}.0/24` });

    const finding = findingFor(stack, 'FIN-SG6', group);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toMatch(/61 inbound rules \(a CloudFront prefix-list rule counts 55\), over the quota of 60/);
  });

  test('non-compliant: GIVEN two CloudFront prefix-list rules in one group (110) WHEN evaluated THEN it is over the quota', () => {
    const { stack } = givenStack();
    const { group } = givenVpcAndGroup(stack);
    const list = givenCloudFrontList(stack);
    ingress(stack, 'cloudfront-80', { securityGroupId: group.id, prefixListId: list.id, fromPort: 80, toPort: 80 });
    ingress(stack, 'cloudfront-443', { securityGroupId: group.id, prefixListId: list.id });

    expect(findingFor(stack, 'FIN-SG6', group).reason).toMatch(/^110 inbound rules/);
  });

  test('non-compliant: GIVEN 61 inline egress CIDRs WHEN evaluated THEN the outbound count is over the quota', () => {
    const { stack } = givenStack();
    const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
    const cidrs = Array.from({ length: 61 }, (_, i) => `10.1.${i}.0/24`);
    const group = new SecurityGroup(stack, 'wide', {
      name: 'wide',
      vpcId: vpc.id,
      egress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: cidrs }],
    });

    expect(findingFor(stack, 'FIN-SG6', group).reason).toMatch(/^61 outbound rules/);
  });
});
