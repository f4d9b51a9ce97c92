import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { TerraformStack } from 'cdktf';
import { findingFor, givenStack } from '../../helpers/guardrails';

const CLOUDFRONT_LIST = 'pl-3b927c52';

/** An internal ALB on one security group, with HTTP listeners on `ports`. */
function givenAlb(stack: TerraformStack, ports: number[]): { alb: Lb; group: SecurityGroup } {
  const group = new SecurityGroup(stack, 'alb-group', { name: 'alb' });
  const alb = new Lb(stack, 'alb', {
    name: 'alb',
    internal: true,
    loadBalancerType: 'application',
    securityGroups: [group.id],
    subnets: ['subnet-a', 'subnet-b'],
  });
  for (const port of ports) {
    new LbListener(stack, `listener-${port}`, {
      loadBalancerArn: alb.arn,
      port,
      protocol: 'HTTP',
      defaultAction: [{ type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '403' } }],
    });
  }
  return { alb, group };
}

function ingress(stack: TerraformStack, group: SecurityGroup, fromPort: number, toPort = fromPort, ipProtocol = 'tcp') {
  return new VpcSecurityGroupIngressRule(stack, `in-${fromPort}-${toPort}`, {
    securityGroupId: group.id,
    ipProtocol,
    fromPort,
    toPort,
    prefixListId: CLOUDFRONT_LIST,
  });
}

describe('FIN-SG5', () => {
  test('compliant: GIVEN the ALB group opens the port of its HTTP listener WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const { group } = givenAlb(stack, [80]);

    expect(findingFor(stack, 'FIN-SG5', ingress(stack, group, 80)).status).toBe('compliant');
  });

  test('non-compliant: GIVEN 443 open but only an HTTP listener on 80 WHEN evaluated THEN the reason names the port and the listeners', () => {
    const { stack } = givenStack();
    const { group } = givenAlb(stack, [80]);

    const finding = findingFor(stack, 'FIN-SG5', ingress(stack, group, 443));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('opens tcp 443, but its listeners use 80; open exactly the listener ports');
  });

  test('non-compliant: GIVEN a port range covering the listener WHEN evaluated THEN a range is more than the listener port', () => {
    const { stack } = givenStack();
    const { group } = givenAlb(stack, [80]);

    const finding = findingFor(stack, 'FIN-SG5', ingress(stack, group, 0, 1024));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('opens tcp 0-1024');
  });

  test('non-compliant: GIVEN an ALB without listeners WHEN its group opens a port THEN the reason says there is no listener', () => {
    const { stack } = givenStack();
    const { group } = givenAlb(stack, []);

    expect(findingFor(stack, 'FIN-SG5', ingress(stack, group, 80)).reason).toContain('it has no listener in this stack');
  });

  test('not-applicable: GIVEN a group no load balancer uses WHEN evaluated THEN the rule does not apply', () => {
    const { stack } = givenStack();
    givenAlb(stack, [80]);
    const other = new SecurityGroup(stack, 'other', { name: 'other' });
    const rule = new VpcSecurityGroupIngressRule(stack, 'other-in', {
      securityGroupId: other.id,
      ipProtocol: 'tcp',
      fromPort: 5432,
      toPort: 5432,
      referencedSecurityGroupId: 'sg-0123456789abcdef0',
    });

    expect(findingFor(stack, 'FIN-SG5', rule).status).toBe('not-applicable');
  });
});
