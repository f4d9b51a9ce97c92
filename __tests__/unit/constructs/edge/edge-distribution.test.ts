import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginRequestPolicy } from '@cdktf/provider-aws/lib/cloudfront-origin-request-policy';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { CloudfrontVpcOrigin } from '@cdktf/provider-aws/lib/cloudfront-vpc-origin';
import { Testing } from 'cdktf';
import {
  ALL_METHODS,
  EdgeDistribution,
  HSTS_MAX_AGE_SECONDS,
  MANAGED_POLICY_IDS,
  type EdgeDistributionProps,
} from '../../../../constructs/edge/edge-distribution';
import { onlyResource } from '../../../helpers/synth';
import { referenceTo } from '../../../helpers/constructs';

const ALB_ARN = 'arn:aws:elasticloadbalancing:us-east-1:296674251987:loadbalancer/app/fintech-alb/0123456789abcdef';
const ALB_DNS = 'internal-fintech-alb-123456789.us-east-1.elb.amazonaws.com';
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER = '216adef6-5c7f-47e4-b989-5492eafa07d3';
const SECURITY_HEADERS = '67f7725c-6f97-4210-82d7-5512b31e9d03';
const WEB_ACL_ARN = 'arn:aws:wafv2:us-east-1:296674251987:global/webacl/fintech-production-edge/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
const LOG_BUCKET_DOMAIN = 'fintech-production-access-logs-296674251987.s3.amazonaws.com';
const CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:296674251987:certificate/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d';
const ORIGIN_HEADER = { name: 'X-Origin-Verify', value: '${data.aws_secretsmanager_secret_version.current.secret_string}' };

const BASE: EdgeDistributionProps = {
  namePrefix: 'fintech-production',
  loadBalancerArn: ALB_ARN,
  loadBalancerDnsName: ALB_DNS,
};

function synthEdge(overrides: Partial<EdgeDistributionProps> = {}): string {
  return Testing.synthScope((scope) => {
    new EdgeDistribution(scope, 'edge', { ...BASE, ...overrides });
  });
}

function origins(synth: string): Record<string, unknown>[] {
  return onlyResource(synth, 'aws_cloudfront_distribution').origin as Record<string, unknown>[];
}

describe('EdgeDistribution', () => {
  describe('with the defaults (VPC origin, own origin request policy)', () => {
    let synth: string;
    beforeAll(() => {
      synth = synthEdge();
    });

    test('creates a VPC origin for the ALB ARN, speaking HTTP on port 80 (http-only)', () => {
      expect(synth).toHaveResourceWithProperties(CloudfrontVpcOrigin, {
        vpc_origin_endpoint_config: [
          expect.objectContaining({
            name: expect.stringMatching(/^fintech-production-alb-[0-9a-f]{8}$/),
            arn: ALB_ARN,
            http_port: 80,
            https_port: 443,
            origin_protocol_policy: 'http-only',
          }),
        ],
      });
    });

    test('the distribution has exactly one origin: the ALB by DNS name through the VPC origin, 30 s read timeout', () => {
      expect(origins(synth)).toEqual([
        expect.objectContaining({
          origin_id: 'fintech-production-alb',
          domain_name: ALB_DNS,
          vpc_origin_config: expect.objectContaining({
            vpc_origin_id: referenceTo(synth, 'aws_cloudfront_vpc_origin', () => true),
            origin_read_timeout: 30,
          }),
        }),
      ]);
    });

    test('the VPC origin is not also a public custom origin', () => {
      expect(origins(synth)[0]!.custom_origin_config).toBeUndefined();
    });

    test('the default behavior targets the ALB origin', () => {
      expect(synth).toHaveResourceWithProperties(CloudfrontDistribution, {
        default_cache_behavior: expect.objectContaining({ target_origin_id: 'fintech-production-alb' }),
      });
    });

    test('viewers on HTTP are redirected to HTTPS', () => {
      expect(synth).toHaveResourceWithProperties(CloudfrontDistribution, {
        default_cache_behavior: expect.objectContaining({ viewer_protocol_policy: 'redirect-to-https' }),
      });
    });

    test('all 7 HTTP methods are allowed; only GET and HEAD are cacheable', () => {
      expect(synth).toHaveResourceWithProperties(CloudfrontDistribution, {
        default_cache_behavior: expect.objectContaining({
          allowed_methods: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
          cached_methods: ['GET', 'HEAD'],
        }),
      });
      expect(ALL_METHODS).toHaveLength(7);
    });

    test('nothing is cached: the managed CachingDisabled cache policy', () => {
      expect(MANAGED_POLICY_IDS.cachingDisabled).toBe(CACHING_DISABLED);
      expect(synth).toHaveResourceWithProperties(CloudfrontDistribution, {
        default_cache_behavior: expect.objectContaining({ cache_policy_id: CACHING_DISABLED }),
      });
    });

    test('creates its own origin request policy: all query strings, all viewer headers, no cookies', () => {
      expect(synth).toHaveResourceWithProperties(CloudfrontOriginRequestPolicy, {
        name: 'fintech-production-api-origin',
        query_strings_config: expect.objectContaining({ query_string_behavior: 'all' }),
        headers_config: expect.objectContaining({ header_behavior: 'allViewer' }),
        cookies_config: expect.objectContaining({ cookie_behavior: 'none' }),
      });
    });

    test('the default behavior uses the created origin request policy', () => {
      expect(synth).toHaveResourceWithProperties(CloudfrontDistribution, {
        default_cache_behavior: expect.objectContaining({
          origin_request_policy_id: referenceTo(synth, 'aws_cloudfront_origin_request_policy', () => true),
        }),
      });
    });

    test('responses are compressed', () => {
      expect(synth).toHaveResourceWithProperties(CloudfrontDistribution, {
        default_cache_behavior: expect.objectContaining({ compress: true }),
      });
    });

    test('IPv6 is on by default', () => {
      expect(synth).toHaveResourceWithProperties(CloudfrontDistribution, { is_ipv6_enabled: true });
    });

    test('every edge location is used by default (PriceClass_All)', () => {
      expect(synth).toHaveResourceWithProperties(CloudfrontDistribution, { price_class: 'PriceClass_All' });
    });

    test('HTTP/2 and HTTP/3 are offered by default (http2and3)', () => {
      expect(synth).toHaveResourceWithProperties(CloudfrontDistribution, { http_version: 'http2and3' });
    });

    test('apply waits for the deployment by default', () => {
      expect(synth).toHaveResourceWithProperties(CloudfrontDistribution, { wait_for_deployment: true });
    });

    test('the distribution is enabled, unrestricted by geography, on the CloudFront default certificate', () => {
      expect(synth).toHaveResourceWithProperties(CloudfrontDistribution, {
        enabled: true,
        comment: 'fintech-production API',
        restrictions: expect.objectContaining({
          geo_restriction: expect.objectContaining({ restriction_type: 'none' }),
        }),
        viewer_certificate: expect.objectContaining({ cloudfront_default_certificate: true }),
      });
    });
  });

  describe("with originAccess 'public-dns' (a custom origin by DNS name)", () => {
    let synth: string;
    beforeAll(() => {
      synth = synthEdge({ originAccess: 'public-dns' });
    });

    test('creates no VPC origin', () => {
      expect(synth).not.toHaveResource(CloudfrontVpcOrigin);
    });

    test('the ALB is a custom origin by DNS name, http-only on port 80 with TLSv1.2 and a 30 s read timeout', () => {
      expect(origins(synth)).toEqual([
        expect.objectContaining({
          origin_id: 'fintech-production-alb',
          domain_name: ALB_DNS,
          custom_origin_config: expect.objectContaining({
            http_port: 80,
            https_port: 443,
            origin_protocol_policy: 'http-only',
            origin_ssl_protocols: ['TLSv1.2'],
            origin_read_timeout: 30,
          }),
        }),
      ]);
      expect(origins(synth)[0]!.vpc_origin_config).toBeUndefined();
    });

    test('viewers are still redirected to HTTPS and nothing is cached', () => {
      expect(synth).toHaveResourceWithProperties(CloudfrontDistribution, {
        default_cache_behavior: expect.objectContaining({
          viewer_protocol_policy: 'redirect-to-https',
          cache_policy_id: CACHING_DISABLED,
        }),
      });
    });
  });

  test('originRequestPolicyId uses that policy (here the managed AllViewer) and creates none', () => {
    // GIVEN AWS's managed AllViewer origin request policy
    const synth = synthEdge({ originRequestPolicyId: MANAGED_POLICY_IDS.allViewer });
    // THEN
    expect(synth).not.toHaveResource(CloudfrontOriginRequestPolicy);
    expect(MANAGED_POLICY_IDS.allViewer).toBe(ALL_VIEWER);
    expect(synth).toHaveResourceWithProperties(CloudfrontDistribution, {
      default_cache_behavior: expect.objectContaining({ origin_request_policy_id: ALL_VIEWER }),
    });
  });

  test('exposes the origin request policy ID the default behavior uses', () => {
    let edge!: EdgeDistribution;
    Testing.synthScope((scope) => {
      edge = new EdgeDistribution(scope, 'edge', { ...BASE, originRequestPolicyId: MANAGED_POLICY_IDS.allViewer });
    });
    expect(edge.originRequestPolicyId).toBe(ALL_VIEWER);
    expect(edge.originRequestPolicy).toBeUndefined();
  });

  test('originHttpPort moves the VPC origin HTTP port', () => {
    expect(synthEdge({ originHttpPort: 8080 })).toHaveResourceWithProperties(CloudfrontVpcOrigin, {
      vpc_origin_endpoint_config: [expect.objectContaining({ http_port: 8080 })],
    });
  });

  test('originHttpPort moves the custom origin HTTP port', () => {
    const synth = synthEdge({ originHttpPort: 8080, originAccess: 'public-dns' });
    expect(origins(synth)[0]!.custom_origin_config).toEqual(expect.objectContaining({ http_port: 8080 }));
  });

  test('originReadTimeoutSeconds overrides the read timeout', () => {
    const synth = synthEdge({ originReadTimeoutSeconds: 60 });
    expect(origins(synth)[0]!.vpc_origin_config).toEqual(expect.objectContaining({ origin_read_timeout: 60 }));
  });

  test('priceClass overrides the edge locations', () => {
    expect(synthEdge({ priceClass: 'PriceClass_100' })).toHaveResourceWithProperties(CloudfrontDistribution, {
      price_class: 'PriceClass_100',
    });
  });

  test('ipv6Enabled false turns IPv6 off', () => {
    expect(synthEdge({ ipv6Enabled: false })).toHaveResourceWithProperties(CloudfrontDistribution, {
      is_ipv6_enabled: false,
    });
  });

  test('httpVersion overrides the offered HTTP versions', () => {
    expect(synthEdge({ httpVersion: 'http2' })).toHaveResourceWithProperties(CloudfrontDistribution, {
      http_version: 'http2',
    });
  });

  test('waitForDeployment false does not wait for the edge deployment', () => {
    expect(synthEdge({ waitForDeployment: false })).toHaveResourceWithProperties(CloudfrontDistribution, {
      wait_for_deployment: false,
    });
  });

  test.each([0, 181])('rejects originReadTimeoutSeconds %p (1–180), naming the bad value', (timeout) => {
    expect(() => synthEdge({ originReadTimeoutSeconds: timeout })).toThrow(
      new RegExp(`originReadTimeoutSeconds must be 1–180 \\(got ${timeout}\\)`),
    );
  });

  test.each([1, 180])('accepts originReadTimeoutSeconds at the bound %p', (timeout) => {
    const synth = synthEdge({ originReadTimeoutSeconds: timeout });
    expect(origins(synth)[0]!.vpc_origin_config).toEqual(expect.objectContaining({ origin_read_timeout: timeout }));
  });

  describe('security props', () => {
    test('by default the origin carries no custom header', () => {
      expect(origins(synthEdge())[0]!.custom_header ?? []).toEqual([]);
    });

    test('originCustomHeader adds the header to the VPC origin', () => {
      const synth = synthEdge({ originCustomHeader: ORIGIN_HEADER });
      expect(origins(synth)).toEqual([
        expect.objectContaining({
          vpc_origin_config: expect.anything(),
          custom_header: [{ name: 'X-Origin-Verify', value: ORIGIN_HEADER.value }],
        }),
      ]);
    });

    test("originCustomHeader adds the header to the custom origin (originAccess 'public-dns')", () => {
      const synth = synthEdge({ originCustomHeader: ORIGIN_HEADER, originAccess: 'public-dns' });
      expect(origins(synth)).toEqual([
        expect.objectContaining({
          custom_origin_config: expect.anything(),
          custom_header: [{ name: 'X-Origin-Verify', value: ORIGIN_HEADER.value }],
        }),
      ]);
    });

    test('by default no web ACL is attached', () => {
      expect(onlyResource(synthEdge(), 'aws_cloudfront_distribution').web_acl_id).toBeUndefined();
    });

    test('webAclArn attaches the WAFv2 web ACL (web_acl_id)', () => {
      expect(synthEdge({ webAclArn: WEB_ACL_ARN })).toHaveResourceWithProperties(CloudfrontDistribution, { web_acl_id: WEB_ACL_ARN });
    });

    test('by default there is no standard logging', () => {
      expect(onlyResource(synthEdge(), 'aws_cloudfront_distribution').logging_config).toBeUndefined();
    });

    test('logging writes standard logs to the bucket under the prefix, without cookies', () => {
      expect(synthEdge({ logging: { bucketDomainName: LOG_BUCKET_DOMAIN, prefix: 'cloudfront/' } })).toHaveResourceWithProperties(
        CloudfrontDistribution,
        {
          logging_config: { bucket: LOG_BUCKET_DOMAIN, prefix: 'cloudfront/', include_cookies: false },
        },
      );
    });

    describe('response headers policy', () => {
      let synth: string;
      beforeAll(() => {
        synth = synthEdge();
      });

      test('by default creates its own response headers policy named after the prefix', () => {
        expect(synth).toHaveResourceWithProperties(CloudfrontResponseHeadersPolicy, { name: 'fintech-production-security-headers' });
      });

      test('the default behavior uses the created response headers policy', () => {
        expect(synth).toHaveResourceWithProperties(CloudfrontDistribution, {
          default_cache_behavior: expect.objectContaining({
            response_headers_policy_id: referenceTo(synth, 'aws_cloudfront_response_headers_policy', () => true),
          }),
        });
      });

      test('HSTS lasts two years (63072000 s), covers subdomains and asks for preload', () => {
        expect(HSTS_MAX_AGE_SECONDS).toBe(63_072_000);
        expect(synth).toHaveResourceWithProperties(CloudfrontResponseHeadersPolicy, {
          security_headers_config: expect.objectContaining({
            strict_transport_security: expect.objectContaining({
              access_control_max_age_sec: 63072000,
              include_subdomains: true,
              preload: true,
              override: true,
            }),
          }),
        });
      });

      test('sends X-Content-Type-Options: nosniff', () => {
        expect(synth).toHaveResourceWithProperties(CloudfrontResponseHeadersPolicy, {
          security_headers_config: expect.objectContaining({ content_type_options: expect.objectContaining({ override: true }) }),
        });
      });

      test('forbids framing (X-Frame-Options: DENY)', () => {
        expect(synth).toHaveResourceWithProperties(CloudfrontResponseHeadersPolicy, {
          security_headers_config: expect.objectContaining({
            frame_options: expect.objectContaining({ frame_option: 'DENY', override: true }),
          }),
        });
      });

      test('sends a strict referrer policy (strict-origin-when-cross-origin)', () => {
        expect(synth).toHaveResourceWithProperties(CloudfrontResponseHeadersPolicy, {
          security_headers_config: expect.objectContaining({
            referrer_policy: expect.objectContaining({ referrer_policy: 'strict-origin-when-cross-origin', override: true }),
          }),
        });
      });
    });

    test('responseHeadersPolicyId uses that policy (here the managed SecurityHeadersPolicy)', () => {
      expect(MANAGED_POLICY_IDS.securityHeaders).toBe(SECURITY_HEADERS);
      expect(synthEdge({ responseHeadersPolicyId: MANAGED_POLICY_IDS.securityHeaders })).toHaveResourceWithProperties(
        CloudfrontDistribution,
        {
          default_cache_behavior: expect.objectContaining({ response_headers_policy_id: SECURITY_HEADERS }),
        },
      );
    });

    test('responseHeadersPolicyId creates no response headers policy', () => {
      expect(synthEdge({ responseHeadersPolicyId: MANAGED_POLICY_IDS.securityHeaders })).not.toHaveResource(
        CloudfrontResponseHeadersPolicy,
      );
    });

    test('exposes the response headers policy ID the default behavior uses', () => {
      let edge!: EdgeDistribution;
      Testing.synthScope((scope) => {
        edge = new EdgeDistribution(scope, 'edge', { ...BASE, responseHeadersPolicyId: MANAGED_POLICY_IDS.securityHeaders });
      });
      expect(edge.responseHeadersPolicyId).toBe(SECURITY_HEADERS);
      expect(edge.responseHeadersPolicy).toBeUndefined();
    });

    test('originUsesHttps makes the VPC origin https-only', () => {
      expect(synthEdge({ originUsesHttps: true, originDomainName: 'origin.internal.example.com' })).toHaveResourceWithProperties(
        CloudfrontVpcOrigin,
        {
          vpc_origin_endpoint_config: [expect.objectContaining({ origin_protocol_policy: 'https-only', https_port: 443 })],
        },
      );
    });

    test("originUsesHttps makes the custom origin https-only (originAccess 'public-dns')", () => {
      const synth = synthEdge({ originUsesHttps: true, originAccess: 'public-dns', originDomainName: 'origin.internal.example.com' });
      expect(origins(synth)[0]!.custom_origin_config).toEqual(
        expect.objectContaining({ origin_protocol_policy: 'https-only', https_port: 443, origin_ssl_protocols: ['TLSv1.2'] }),
      );
    });

    test('with HTTPS to the origin, CloudFront connects to the name the certificate covers', () => {
      const synth = synthEdge({ originUsesHttps: true, originDomainName: 'origin.internal.example.com' });
      expect(origins(synth)[0]!.domain_name).toBe('origin.internal.example.com');
    });

    test('originUsesHttps without originDomainName is rejected: no certificate covers the ALB DNS name', () => {
      expect(() => synthEdge({ originUsesHttps: true })).toThrow(/originUsesHttps needs originDomainName/);
    });

    test('by default the distribution has no aliases', () => {
      expect(onlyResource(synthEdge(), 'aws_cloudfront_distribution').aliases).toBeUndefined();
    });

    test('aliases with a certificate serve the custom domains', () => {
      expect(
        synthEdge({ aliases: ['api.example.com', 'www.api.example.com'], certificateArn: CERTIFICATE_ARN }),
      ).toHaveResourceWithProperties(CloudfrontDistribution, { aliases: ['api.example.com', 'www.api.example.com'] });
    });

    test('certificateArn switches the viewer certificate to ACM with SNI and TLSv1.2_2021', () => {
      expect(synthEdge({ aliases: ['api.example.com'], certificateArn: CERTIFICATE_ARN })).toHaveResourceWithProperties(
        CloudfrontDistribution,
        {
          viewer_certificate: {
            acm_certificate_arn: CERTIFICATE_ARN,
            ssl_support_method: 'sni-only',
            minimum_protocol_version: 'TLSv1.2_2021',
          },
        },
      );
    });

    test('rejects aliases without a certificateArn, naming the aliases', () => {
      expect(() => synthEdge({ aliases: ['api.example.com', 'www.api.example.com'] })).toThrow(
        /aliases \[api\.example\.com, www\.api\.example\.com\] need a certificateArn/,
      );
    });

    test('rejects a certificate outside us-east-1, naming the ARN', () => {
      const euCertificate = CERTIFICATE_ARN.replace('us-east-1', 'eu-west-1');
      expect(() => synthEdge({ aliases: ['api.example.com'], certificateArn: euCertificate })).toThrow(
        `certificateArn ${euCertificate} is not in us-east-1`,
      );
    });
  });
});
