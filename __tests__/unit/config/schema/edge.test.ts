import { expectRejected, productionJson, set } from '../../../helpers/config';

describe('environment schema: edge', () => {
  test('a CloudFront certificate outside us-east-1 is rejected', () => {
    const data = set(
      set(productionJson(), 'edge.certificateArn', 'arn:aws:acm:eu-west-1:296674251987:certificate/0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f'),
      'edge.aliases',
      ['api.example.com'],
    );
    expectRejected(data, 'edge.certificateArn', /must be in us-east-1: CloudFront only uses ACM certificates from us-east-1/);
  });

  test('aliases without a certificate are rejected', () => {
    expectRejected(set(productionJson(), 'edge.aliases', ['api.example.com']), 'edge.aliases', /need edge\.certificateArn/);
  });

  test('a certificate without aliases is rejected', () => {
    const arn = 'arn:aws:acm:us-east-1:296674251987:certificate/0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f';
    expectRejected(set(productionJson(), 'edge.certificateArn', arn), 'edge.certificateArn', /edge\.aliases is empty/);
  });

  test('a WAF rate limit under 10 is rejected', () => {
    expectRejected(
      set(productionJson(), 'edge.webAcl', { rateLimitPer5Minutes: 5 }),
      'edge.webAcl.rateLimitPer5Minutes',
      /must be at least 10/,
    );
  });

  test('an alias that is not a DNS name is rejected', () => {
    expectRejected(set(productionJson(), 'edge.aliases', ['not a host']), 'edge.aliases[0]', /DNS name/);
  });

  test('an origin domain name that is not a DNS name is rejected', () => {
    expectRejected(set(productionJson(), 'edge.originDomainName', 'not a host'), 'edge.originDomainName', /a DNS name/);
  });

  test('WAF redacted headers without cookie are rejected, saying session cookies would be logged', () => {
    expectRejected(
      set(productionJson(), 'edge.webAcl', { redactedHeaders: ['authorization'] }),
      'edge.webAcl.redactedHeaders',
      /must include "cookie": WAF logs every request header, so without it session cookies are written to the log in clear/,
    );
  });

  test('WAF redacted headers without authorization are rejected, saying bearer tokens would be logged', () => {
    expectRejected(
      set(productionJson(), 'edge.webAcl', { redactedHeaders: ['cookie'] }),
      'edge.webAcl.redactedHeaders',
      /must include "authorization": .*bearer tokens are written to the log in clear/,
    );
  });

  test('a WAF redacted header in uppercase is rejected (WAF returns lowercase names)', () => {
    expectRejected(
      set(productionJson(), 'edge.webAcl', { redactedHeaders: ['authorization', 'cookie', 'X-Api-Key'] }),
      'edge.webAcl.redactedHeaders[2]',
      /a lowercase header name/,
      '"X-Api-Key"',
    );
  });

  test('a counted common-rule-set rule listed twice is rejected', () => {
    expectRejected(
      set(productionJson(), 'edge.webAcl', { commonRuleSetCountedRules: ['SizeRestrictions_BODY', 'SizeRestrictions_BODY'] }),
      'edge.webAcl.commonRuleSetCountedRules[1]',
      /is listed twice/,
    );
  });

  test('the old setting name commonRuleSetExcludedRules is rejected as unknown', () => {
    expectRejected(
      set(productionJson(), 'edge.webAcl', { commonRuleSetExcludedRules: [] }),
      'edge.webAcl.commonRuleSetExcludedRules',
      /unknown field/,
    );
  });
});
