import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import type { TerraformStack } from 'cdktf';
import { findingFor, givenStack } from '../../helpers/guardrails';

const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/1';
const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-edge';

function givenLogging(stack: TerraformStack, redactedHeaders?: readonly string[]): Wafv2WebAclLoggingConfiguration {
  return new Wafv2WebAclLoggingConfiguration(stack, 'logging', {
    resourceArn: WEB_ACL,
    logDestinationConfigs: [LOG_GROUP],
    redactedFields: redactedHeaders?.map((name) => ({ singleHeader: { name } })),
  });
}

describe('FIN-WAF1', () => {
  test('compliant: GIVEN authorization and cookie redacted WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const logging = givenLogging(stack, ['authorization', 'cookie', 'x-api-key']);

    expect(findingFor(stack, 'FIN-WAF1', logging).status).toBe('compliant');
  });

  test('non-compliant: GIVEN no redacted fields WHEN evaluated THEN the reason names both headers', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-WAF1', givenLogging(stack));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('redacted_fields is absent, so the log holds the "authorization" and "cookie" headers in clear');
  });

  test('non-compliant: GIVEN only authorization redacted WHEN evaluated THEN the reason names the cookie header', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-WAF1', givenLogging(stack, ['authorization']));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('redacts only ["authorization"], so the log holds the "cookie" header in clear');
  });

  test('non-compliant: GIVEN a header name in mixed case WHEN evaluated THEN the reason asks for lowercase', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-WAF1', givenLogging(stack, ['Authorization', 'cookie']));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('single_header name "Authorization" is not lowercase; write "authorization"');
  });
});
