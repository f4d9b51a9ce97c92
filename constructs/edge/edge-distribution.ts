import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginRequestPolicy } from '@cdktf/provider-aws/lib/cloudfront-origin-request-policy';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import type { CloudfrontVpcOrigin } from '@cdktf/provider-aws/lib/cloudfront-vpc-origin';
import { Token, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { arnRegion, CLOUDFRONT_CERTIFICATE_REGION, CLOUDFRONT_ORIGIN_READ_TIMEOUT_SECONDS } from '../shared/limits';
import type { Outputs } from '../shared/outputs';
import { addVpcOrigin, type SettingsRecord } from './vpc-origin';

/**
 * IDs of AWS-managed CloudFront policies. They are fixed AWS constants (the same in every
 * account), so they are used as literals rather than looked up.
 */
export const MANAGED_POLICY_IDS = {
  /** Cache policy: TTL 0, nothing cached, nothing in the cache key. */
  cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  /** Origin request policy: every viewer header, cookie and query string. */
  allViewer: '216adef6-5c7f-47e4-b989-5492eafa07d3',
  /** Response headers policy: HSTS, nosniff, frame options, referrer policy, XSS protection. */
  securityHeaders: '67f7725c-6f97-4210-82d7-5512b31e9d03',
} as const;

/** How CloudFront reaches the load balancer (see {@link EdgeDistributionProps.originAccess}). */
export type OriginAccess = 'vpc-origin' | 'public-dns';

export const ALL_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'] as const;
export const CACHED_METHODS = ['GET', 'HEAD'] as const;

export interface EdgeDistributionProps {
  /** Prefix of the origin, policy and comment names. */
  readonly namePrefix: string;
  /** ARN of the internal ALB (the VPC origin's endpoint). */
  readonly loadBalancerArn: string;
  /** DNS name of the ALB. */
  readonly loadBalancerDnsName: string;
  /**
   * Port of the ALB's HTTP listener.
   * @default 80
   */
  readonly originHttpPort?: number;
  /**
   * How CloudFront reaches the ALB: `vpc-origin`, privately through a CloudFront VPC origin (the
   * ALB stays internal), or `public-dns`, a custom origin addressed by the ALB's DNS name over the
   * network (for a load balancer CloudFront can reach that way).
   * @default 'vpc-origin'
   */
  readonly originAccess?: OriginAccess;
  /**
   * Origin request policy of the default behavior.
   * @default a policy created here: all query strings, viewer headers, no cookies
   */
  readonly originRequestPolicyId?: string;
  /** @default 'PriceClass_All' */
  readonly priceClass?: string;
  /** @default true */
  readonly ipv6Enabled?: boolean;
  /** @default 'http2and3' */
  readonly httpVersion?: string;
  /** @default 30 */
  readonly originReadTimeoutSeconds?: number;
  /**
   * Wait until the distribution is deployed to every edge location.
   * @default true
   */
  readonly waitForDeployment?: boolean;
  /**
   * Connect to the ALB over HTTPS (when its listener has a certificate) instead of HTTP.
   * @default false
   */
  readonly originUsesHttps?: boolean;
  /** Header CloudFront adds to every origin request (the origin lock). @default none */
  readonly originCustomHeader?: { readonly name: string; readonly value: string };
  /** WAFv2 web ACL (scope CLOUDFRONT) ARN. @default none */
  readonly webAclArn?: string;
  /** Standard logging target: bucket domain name and key prefix. @default no logging */
  readonly logging?: { readonly bucketDomainName: string; readonly prefix: string };
  /** Custom domain names; require `certificateArn`. @default [] */
  readonly aliases?: readonly string[];
  /** ACM certificate in us-east-1 for the aliases. @default the *.cloudfront.net certificate */
  readonly certificateArn?: string;
  /**
   * Response headers policy of every behavior (AWS's managed one is `MANAGED_POLICY_IDS.securityHeaders`).
   * @default a policy created here: HSTS 2 years with subdomains and preload, nosniff, frame DENY,
   * strict referrer policy
   */
  readonly responseHeadersPolicyId?: string;
  /**
   * Origin host name when CloudFront connects over HTTPS: a name the ALB's certificate covers
   * (CloudFront checks it), resolving to the ALB.
   * @default the ALB's DNS name (fine for HTTP; no certificate can cover it for HTTPS)
   */
  readonly originDomainName?: string;
  /**
   * The tags the provider's `default_tags` give the VPC origin. They are part of its settings: a
   * VPC origin in use cannot be updated, so a tag change replaces it (see {@link addVpcOrigin}).
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
  /** Resources the distribution must wait for (e.g. the log bucket's ownership controls). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/** HSTS max-age: two years, the preload list's requirement (≥ 1 year). */
export const HSTS_MAX_AGE_SECONDS = 63_072_000;

/**
 * The CloudFront distribution in front of the internal ALB: HTTPS to viewers (HTTP redirected),
 * HTTP/2 and HTTP/3, IPv6, every edge location, all methods allowed, nothing cached, query
 * strings forwarded, cookies not forwarded. The ALB is reached privately through a VPC origin.
 */
export class EdgeDistribution extends Construct {
  /** What an operator needs after a deploy (a stack exports them). */
  public readonly outputs: Outputs;
  public readonly distribution: CloudfrontDistribution;
  public readonly vpcOrigin?: CloudfrontVpcOrigin;
  /** The VPC origin's settings; a change replaces the origin, created before the old one goes. */
  public readonly vpcOriginSettings?: SettingsRecord;
  public readonly originRequestPolicy?: CloudfrontOriginRequestPolicy;
  /** The origin request policy the default behavior uses. */
  public readonly originRequestPolicyId: string;
  public readonly responseHeadersPolicy?: CloudfrontResponseHeadersPolicy;
  /** The response headers policy every behavior uses. */
  public readonly responseHeadersPolicyId: string;

  public constructor(scope: Construct, id: string, props: EdgeDistributionProps) {
    super(scope, id);
    const httpPort = props.originHttpPort ?? 80;
    const readTimeout = props.originReadTimeoutSeconds ?? 30;
    const { min, max } = CLOUDFRONT_ORIGIN_READ_TIMEOUT_SECONDS;
    if (readTimeout < min || readTimeout > max) {
      throw new Error(`EdgeDistribution ${id}: originReadTimeoutSeconds must be ${min}–${max} (got ${readTimeout}).`);
    }
    const originId = `${props.namePrefix}-alb`;
    const aliases = props.aliases ?? [];
    if (aliases.length > 0 && !props.certificateArn) {
      throw new Error(
        `EdgeDistribution ${id}: aliases [${aliases.join(', ')}] need a certificateArn (an ACM certificate in ${CLOUDFRONT_CERTIFICATE_REGION}).`,
      );
    }
    if (
      props.certificateArn &&
      !Token.isUnresolved(props.certificateArn) &&
      arnRegion(props.certificateArn) !== CLOUDFRONT_CERTIFICATE_REGION
    ) {
      throw new Error(
        `EdgeDistribution ${id}: certificateArn ${props.certificateArn} is not in ${CLOUDFRONT_CERTIFICATE_REGION}; CloudFront uses ACM certificates from ${CLOUDFRONT_CERTIFICATE_REGION} only.`,
      );
    }
    const originProtocol = props.originUsesHttps ? 'https-only' : 'http-only';
    if (props.originUsesHttps && !props.originDomainName) {
      throw new Error(
        `EdgeDistribution ${id}: originUsesHttps needs originDomainName, a name the ALB's certificate covers (CloudFront verifies it; no certificate covers the ALB's own DNS name).`,
      );
    }
    const originDomain = props.originDomainName ?? props.loadBalancerDnsName;
    const customHeader = props.originCustomHeader ? [{ name: props.originCustomHeader.name, value: props.originCustomHeader.value }] : [];

    if ((props.originAccess ?? 'vpc-origin') === 'vpc-origin') {
      const vpcOrigin = addVpcOrigin(this, {
        namePrefix: `${props.namePrefix}-alb`,
        loadBalancerArn: props.loadBalancerArn,
        settings: {
          httpPort,
          httpsPort: 443,
          // HTTP to the ALB unless it has a certificate. Through a VPC origin the traffic stays
          // on AWS's network, from CloudFront into the VPC, never on the internet.
          originProtocolPolicy: originProtocol,
          originSslProtocols: ['TLSv1.2'],
          tags: props.tags ?? {},
        },
      });
      this.vpcOrigin = vpcOrigin.origin;
      this.vpcOriginSettings = vpcOrigin.settingsRecord;
    }

    if (props.originRequestPolicyId !== undefined) {
      this.originRequestPolicyId = props.originRequestPolicyId;
    } else {
      this.originRequestPolicy = new CloudfrontOriginRequestPolicy(this, 'origin-request-policy', {
        name: `${props.namePrefix}-api-origin`,
        comment: 'API: all query strings and viewer headers, no cookies',
        queryStringsConfig: { queryStringBehavior: 'all' },
        cookiesConfig: { cookieBehavior: 'none' },
        headersConfig: { headerBehavior: 'allViewer' },
      });
      this.originRequestPolicyId = this.originRequestPolicy.id;
    }

    if (props.responseHeadersPolicyId !== undefined) {
      this.responseHeadersPolicyId = props.responseHeadersPolicyId;
    } else {
      this.responseHeadersPolicy = new CloudfrontResponseHeadersPolicy(this, 'response-headers-policy', {
        name: `${props.namePrefix}-security-headers`,
        comment: 'HSTS, nosniff, frame DENY, strict referrer policy',
        securityHeadersConfig: {
          strictTransportSecurity: {
            accessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS,
            includeSubdomains: true,
            preload: true,
            override: true,
          },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: 'DENY', override: true },
          referrerPolicy: { referrerPolicy: 'strict-origin-when-cross-origin', override: true },
          xssProtection: { protection: true, modeBlock: true, override: true },
        },
      });
      this.responseHeadersPolicyId = this.responseHeadersPolicy.id;
    }

    this.distribution = new CloudfrontDistribution(this, 'distribution', {
      enabled: true,
      comment: `${props.namePrefix} API`,
      priceClass: props.priceClass ?? 'PriceClass_All',
      isIpv6Enabled: props.ipv6Enabled ?? true,
      httpVersion: props.httpVersion ?? 'http2and3',
      waitForDeployment: props.waitForDeployment ?? true,
      origin: [
        this.vpcOrigin
          ? {
              originId,
              domainName: originDomain,
              vpcOriginConfig: { vpcOriginId: this.vpcOrigin.id, originReadTimeout: readTimeout },
              customHeader,
            }
          : {
              originId,
              domainName: originDomain,
              customOriginConfig: {
                httpPort,
                httpsPort: 443,
                originProtocolPolicy: originProtocol,
                originSslProtocols: ['TLSv1.2'],
                originReadTimeout: readTimeout,
              },
              customHeader,
            },
      ],
      defaultCacheBehavior: {
        targetOriginId: originId,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: [...ALL_METHODS],
        cachedMethods: [...CACHED_METHODS],
        cachePolicyId: MANAGED_POLICY_IDS.cachingDisabled,
        originRequestPolicyId: this.originRequestPolicyId,
        responseHeadersPolicyId: this.responseHeadersPolicyId,
        compress: true,
      },
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      aliases: aliases.length > 0 ? [...aliases] : undefined,
      viewerCertificate: props.certificateArn
        ? { acmCertificateArn: props.certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' }
        : { cloudfrontDefaultCertificate: true },
      webAclId: props.webAclArn,
      loggingConfig: props.logging
        ? { bucket: props.logging.bucketDomainName, prefix: props.logging.prefix, includeCookies: false }
        : undefined,
      dependsOn: props.dependsOn,
    });
    this.outputs = {
      cloudfront_domain_name: { value: this.distribution.domainName, description: 'Public HTTPS entry point of the API.' },
      cloudfront_distribution_id: { value: this.distribution.id, description: 'For invalidations and logs.' },
    };
  }
}
