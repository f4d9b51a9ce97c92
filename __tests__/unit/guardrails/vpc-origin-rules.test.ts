import type { CloudfrontVpcOriginConfig } from '@cdktf/provider-aws/lib/cloudfront-vpc-origin';
import { CloudfrontVpcOrigin } from '@cdktf/provider-aws/lib/cloudfront-vpc-origin';
import type { TerraformStack } from 'cdktf';
import { DataResource } from 'cdktf';
import { findingFor, givenStack } from '../../helpers/guardrails';

function givenVpcOrigin(stack: TerraformStack, lifecycle?: CloudfrontVpcOriginConfig['lifecycle']): CloudfrontVpcOrigin {
  return new CloudfrontVpcOrigin(stack, 'vpc-origin', {
    vpcOriginEndpointConfig: [
      {
        name: 'alb',
        arn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/alb/1',
        httpPort: 80,
        httpsPort: 443,
        originProtocolPolicy: 'http-only',
        originSslProtocols: [{ items: ['TLSv1.2'], quantity: 1 }],
      },
    ],
    lifecycle,
  });
}

describe('FIN-CF7', () => {
  test('compliant: GIVEN create-before-destroy and a settings record as replacement trigger WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const settings = new DataResource(stack, 'settings', { triggersReplace: { http_port: 80 } });
    const origin = givenVpcOrigin(stack, {
      createBeforeDestroy: true,
      replaceTriggeredBy: [`terraform_data.${settings.friendlyUniqueId}`],
    });

    expect(findingFor(stack, 'FIN-CF7', origin).status).toBe('compliant');
  });

  test('non-compliant: GIVEN the trigger written as an interpolation (cdktf renders a construct so) WHEN evaluated THEN the reason says Terraform rejects it', () => {
    const { stack } = givenStack();
    const settings = new DataResource(stack, 'settings', { triggersReplace: { http_port: 80 } });
    const finding = findingFor(stack, 'FIN-CF7', givenVpcOrigin(stack, { createBeforeDestroy: true, replaceTriggeredBy: [settings] }));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain("which Terraform's JSON syntax rejects");
  });

  test('non-compliant: GIVEN no lifecycle WHEN evaluated THEN the reason names both settings and the 409', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-CF7', givenVpcOrigin(stack));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('lifecycle.create_before_destroy is absent; set it to true');
    expect(finding.reason).toContain('lifecycle.replace_triggered_by is empty');
    expect(finding.reason).toContain('HTTP 409');
  });

  test('non-compliant: GIVEN a replacement trigger without create-before-destroy WHEN evaluated THEN the reason asks for create-before-destroy', () => {
    const { stack } = givenStack();
    const settings = new DataResource(stack, 'settings', { triggersReplace: { http_port: 80 } });
    const finding = findingFor(
      stack,
      'FIN-CF7',
      givenVpcOrigin(stack, { replaceTriggeredBy: [`terraform_data.${settings.friendlyUniqueId}`] }),
    );

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toBe(
      'lifecycle.create_before_destroy is absent; set it to true, so a replacement creates the new origin before the distribution leaves the old one',
    );
  });
});
