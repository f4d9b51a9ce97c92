import { CloudfrontVpcOrigin } from '@cdktf/provider-aws/lib/cloudfront-vpc-origin';
import type { CloudfrontDistributionConfig } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import type { LbConfig } from '@cdktf/provider-aws/lib/lb';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import type { TerraformStack } from 'cdktf';
import { DEV, findingFor, givenStack, PRODUCTION } from '../../helpers/guardrails';

const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

/** A distribution in front of one custom origin; `changes` override the defaults. */
function givenDistribution(stack: TerraformStack, changes: Partial<CloudfrontDistributionConfig> = {}): CloudfrontDistribution {
  return new CloudfrontDistribution(stack, 'distribution', {
    enabled: true,
    origin: [
      {
        originId: 'alb',
        domainName: 'alb.example.com',
        customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'http-only', originSslProtocols: ['TLSv1.2'] },
      },
    ],
    defaultCacheBehavior: {
      targetOriginId: 'alb',
      viewerProtocolPolicy: 'redirect-to-https',
      allowedMethods: ['GET', 'HEAD'],
      cachedMethods: ['GET', 'HEAD'],
      cachePolicyId: CACHING_DISABLED,
    },
    restrictions: { geoRestriction: { restrictionType: 'none' } },
    viewerCertificate: { cloudfrontDefaultCertificate: true },
    ...changes,
  });
}

/** A response headers policy with the given HSTS max-age, nosniff and frame options. */
function givenHeadersPolicy(stack: TerraformStack, maxAge: number): CloudfrontResponseHeadersPolicy {
  return new CloudfrontResponseHeadersPolicy(stack, 'headers', {
    name: 'security-headers',
    securityHeadersConfig: {
      strictTransportSecurity: { accessControlMaxAgeSec: maxAge, includeSubdomains: true, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: 'DENY', override: true },
    },
  });
}

/** An internal ALB; `changes` override the defaults. */
function givenAlb(stack: TerraformStack, changes: Partial<LbConfig> = {}): Lb {
  return new Lb(stack, 'alb', {
    name: 'alb',
    internal: true,
    loadBalancerType: 'application',
    subnets: ['subnet-a', 'subnet-b'],
    securityGroups: ['sg-1'],
    ...changes,
  });
}

describe('FIN-CF1', () => {
  test('compliant: GIVEN redirect-to-https on the default behavior WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    expect(findingFor(stack, 'FIN-CF1', givenDistribution(stack)).status).toBe('compliant');
  });

  test('non-compliant: GIVEN an ordered behavior allowing HTTP WHEN evaluated THEN the reason names the behavior and allow-all', () => {
    const { stack } = givenStack();
    const distribution = givenDistribution(stack, {
      orderedCacheBehavior: [
        {
          pathPattern: '/legacy/*',
          targetOriginId: 'alb',
          viewerProtocolPolicy: 'allow-all',
          allowedMethods: ['GET', 'HEAD'],
          cachedMethods: ['GET', 'HEAD'],
          cachePolicyId: CACHING_DISABLED,
        },
      ],
    });

    const finding = findingFor(stack, 'FIN-CF1', distribution);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('ordered_cache_behavior "/legacy/*".viewer_protocol_policy is "allow-all"');
  });
});

describe('FIN-CF2', () => {
  test('compliant: GIVEN a WAF web ACL WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const distribution = givenDistribution(stack, { webAclId: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/1' });

    expect(findingFor(stack, 'FIN-CF2', distribution).status).toBe('compliant');
  });

  test('non-compliant: GIVEN no web ACL WHEN evaluated THEN the reason says web_acl_id is absent', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-CF2', givenDistribution(stack));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('web_acl_id is absent');
  });
});

describe('FIN-CF3', () => {
  test('compliant: GIVEN standard logging to a bucket WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const distribution = givenDistribution(stack, { loggingConfig: { bucket: 'edge-logs.s3.amazonaws.com', prefix: 'cf/' } });

    expect(findingFor(stack, 'FIN-CF3', distribution).status).toBe('compliant');
  });

  test('non-compliant: GIVEN no logging WHEN evaluated THEN the reason says logging_config is absent', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-CF3', givenDistribution(stack));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('logging_config is absent');
  });
});

describe('FIN-CF4', () => {
  function withHeaders(policyId: string): Partial<CloudfrontDistributionConfig> {
    return {
      defaultCacheBehavior: {
        targetOriginId: 'alb',
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD'],
        cachedMethods: ['GET', 'HEAD'],
        cachePolicyId: CACHING_DISABLED,
        responseHeadersPolicyId: policyId,
      },
    };
  }

  test('compliant: GIVEN a headers policy with one-year HSTS, nosniff and DENY WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const distribution = givenDistribution(stack, withHeaders(givenHeadersPolicy(stack, 31_536_000).id));

    expect(findingFor(stack, 'FIN-CF4', distribution).status).toBe('compliant');
  });

  test('compliant: GIVEN the AWS managed SecurityHeadersPolicy WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const distribution = givenDistribution(stack, withHeaders('67f7725c-6f97-4210-82d7-5512b31e9d03'));

    expect(findingFor(stack, 'FIN-CF4', distribution).status).toBe('compliant');
  });

  test('non-compliant: GIVEN an HSTS max-age of one day WHEN evaluated THEN the reason names 86400', () => {
    const { stack } = givenStack();
    const distribution = givenDistribution(stack, withHeaders(givenHeadersPolicy(stack, 86_400).id));

    const finding = findingFor(stack, 'FIN-CF4', distribution);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('access_control_max_age_sec is 86400');
  });

  test('non-compliant: GIVEN no response headers policy WHEN evaluated THEN the reason names the behavior', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-CF4', givenDistribution(stack));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('default_cache_behavior has no response_headers_policy_id');
  });
});

describe('FIN-CF5', () => {
  const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';

  test('compliant: GIVEN a custom certificate with TLSv1.2_2021 WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const distribution = givenDistribution(stack, {
      viewerCertificate: { acmCertificateArn: CERTIFICATE, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' },
    });

    expect(findingFor(stack, 'FIN-CF5', distribution).status).toBe('compliant');
  });

  test('non-compliant: GIVEN a custom certificate with TLSv1.1_2016 WHEN evaluated THEN the reason names the policy', () => {
    const { stack } = givenStack();
    const distribution = givenDistribution(stack, {
      viewerCertificate: { acmCertificateArn: CERTIFICATE, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.1_2016' },
    });

    const finding = findingFor(stack, 'FIN-CF5', distribution);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('minimum_protocol_version is "TLSv1.1_2016"');
  });

  test('not-applicable: GIVEN the default CloudFront certificate WHEN evaluated THEN the rule does not apply', () => {
    const { stack } = givenStack();
    expect(findingFor(stack, 'FIN-CF5', givenDistribution(stack)).status).toBe('not-applicable');
  });
});

describe('FIN-CF6', () => {
  test('compliant: GIVEN a VPC origin with https-only WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const origin = new CloudfrontVpcOrigin(stack, 'vpc-origin', {
      vpcOriginEndpointConfig: [
        {
          name: 'o',
          arn: 'arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/x/y',
          httpPort: 80,
          httpsPort: 443,
          originProtocolPolicy: 'https-only',
          originSslProtocols: [{ items: ['TLSv1.2'], quantity: 1 }],
        },
      ],
    });
    expect(findingFor(stack, 'FIN-CF6', origin).status).toBe('compliant');
  });

  test('non-compliant: GIVEN a VPC origin with http-only WHEN evaluated THEN the reason names the policy', () => {
    const { stack } = givenStack();
    const origin = new CloudfrontVpcOrigin(stack, 'vpc-origin', {
      vpcOriginEndpointConfig: [
        {
          name: 'o',
          arn: 'arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/x/y',
          httpPort: 80,
          httpsPort: 443,
          originProtocolPolicy: 'http-only',
          originSslProtocols: [{ items: ['TLSv1.2'], quantity: 1 }],
        },
      ],
    });
    const finding = findingFor(stack, 'FIN-CF6', origin);
    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('vpc_origin_endpoint_config uses origin_protocol_policy "http-only"');
  });

  test('non-compliant: GIVEN a distribution whose custom origin is http-only WHEN evaluated THEN the reason names the origin', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-CF6', givenDistribution(stack));
    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('origin "alb" uses origin_protocol_policy "http-only"');
  });
});

describe('FIN-ALB1', () => {
  test('compliant: GIVEN drop_invalid_header_fields true WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    expect(findingFor(stack, 'FIN-ALB1', givenAlb(stack, { dropInvalidHeaderFields: true })).status).toBe('compliant');
  });

  test('non-compliant: GIVEN drop_invalid_header_fields false WHEN evaluated THEN the reason names the value', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-ALB1', givenAlb(stack, { dropInvalidHeaderFields: false }));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('drop_invalid_header_fields is false');
  });
});

describe('FIN-ALB2', () => {
  test('compliant: GIVEN enabled access logs to a bucket WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const alb = givenAlb(stack, { accessLogs: { bucket: 'alb-logs', enabled: true } });

    expect(findingFor(stack, 'FIN-ALB2', alb).status).toBe('compliant');
  });

  test('non-compliant: GIVEN access logs with a bucket but enabled false WHEN evaluated THEN the reason shows the block', () => {
    const { stack } = givenStack();
    const alb = givenAlb(stack, { accessLogs: { bucket: 'alb-logs', enabled: false } });

    const finding = findingFor(stack, 'FIN-ALB2', alb);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('"enabled":false');
  });
});

describe('FIN-ALB3', () => {
  test('compliant: GIVEN deletion protection in production WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const alb = givenAlb(stack, { enableDeletionProtection: true });

    expect(findingFor(stack, 'FIN-ALB3', alb, PRODUCTION).status).toBe('compliant');
  });

  test('non-compliant: GIVEN no deletion protection in production WHEN evaluated THEN the reason names the value', () => {
    const { stack } = givenStack();
    const alb = givenAlb(stack, { enableDeletionProtection: false });

    const finding = findingFor(stack, 'FIN-ALB3', alb, PRODUCTION);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('enable_deletion_protection is false');
  });

  test('not-applicable: GIVEN no deletion protection outside production WHEN evaluated THEN it is required only when productionLike', () => {
    const { stack } = givenStack();
    const alb = givenAlb(stack, { enableDeletionProtection: false });

    expect(findingFor(stack, 'FIN-ALB3', alb, DEV).status).toBe('not-applicable');
  });
});

describe('FIN-ALB4', () => {
  test('compliant: GIVEN desync mitigation defensive WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    expect(findingFor(stack, 'FIN-ALB4', givenAlb(stack, { desyncMitigationMode: 'defensive' })).status).toBe('compliant');
  });

  test('non-compliant: GIVEN desync mitigation monitor WHEN evaluated THEN the reason names monitor', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-ALB4', givenAlb(stack, { desyncMitigationMode: 'monitor' }));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('desync_mitigation_mode is "monitor"');
  });
});
