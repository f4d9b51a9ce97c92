import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginRequestPolicy } from '@cdktf/provider-aws/lib/cloudfront-origin-request-policy';
import { CloudfrontVpcOrigin } from '@cdktf/provider-aws/lib/cloudfront-vpc-origin';
import { Construct } from 'constructs';

/**
 * IDs of AWS-managed CloudFront policies. They are fixed AWS constants (the same in every
 * account), so they are used as literals rather than looked up.
 */
export const MANAGED_POLICY_IDS = {
  /** Cache policy: TTL 0, nothing cached, nothing in the cache key. */
  cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  /** Origin request policy: every viewer header, cookie and query string. */
  allViewer: '216adef6-5c7f-47e4-b989-5492eafa07d3',
} as const;

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
   * Reach the ALB through a CloudFront VPC origin (private). When false, the ALB is a plain
   * custom origin by DNS name — only for the local emulator, which lacks VPC origins.
   * @default true
   */
  readonly useVpcOrigin?: boolean;
  /**
   * Create this project's origin request policy (all query strings, no cookies, viewer
   * headers). When false, the managed AllViewer policy is used — only for the local emulator,
   * which lacks the policy API.
   * @default true
   */
  readonly createOriginRequestPolicy?: boolean;
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
}

/**
 * The CloudFront distribution in front of the internal ALB: HTTPS to viewers (HTTP redirected),
 * HTTP/2 and HTTP/3, IPv6, every edge location, all methods allowed, nothing cached, query
 * strings forwarded, cookies not forwarded. The ALB is reached privately through a VPC origin.
 */
export class EdgeDistribution extends Construct {
  public readonly distribution: CloudfrontDistribution;
  public readonly vpcOrigin?: CloudfrontVpcOrigin;
  public readonly originRequestPolicy?: CloudfrontOriginRequestPolicy;
  /** The origin request policy the default behavior uses. */
  public readonly originRequestPolicyId: string;

  public constructor(scope: Construct, id: string, props: EdgeDistributionProps) {
    super(scope, id);
    const httpPort = props.originHttpPort ?? 80;
    const readTimeout = props.originReadTimeoutSeconds ?? 30;
    if (readTimeout < 1 || readTimeout > 180) {
      throw new Error(`EdgeDistribution ${id}: originReadTimeoutSeconds must be 1–180 (got ${readTimeout}).`);
    }
    const originId = `${props.namePrefix}-alb`;

    if (props.useVpcOrigin ?? true) {
      this.vpcOrigin = new CloudfrontVpcOrigin(this, 'vpc-origin', {
        vpcOriginEndpointConfig: [
          {
            name: `${props.namePrefix}-alb`,
            arn: props.loadBalancerArn,
            httpPort,
            httpsPort: 443,
            // The seed's origin protocol: HTTP to the ALB. Traffic stays on AWS's network,
            // from CloudFront into the VPC, never on the internet.
            originProtocolPolicy: 'http-only',
            originSslProtocols: [{ items: ['TLSv1.2'], quantity: 1 }],
          },
        ],
      });
    }

    if (props.createOriginRequestPolicy ?? true) {
      this.originRequestPolicy = new CloudfrontOriginRequestPolicy(this, 'origin-request-policy', {
        name: `${props.namePrefix}-api-origin`,
        comment: 'API: all query strings and viewer headers, no cookies',
        queryStringsConfig: { queryStringBehavior: 'all' },
        cookiesConfig: { cookieBehavior: 'none' },
        headersConfig: { headerBehavior: 'allViewer' },
      });
      this.originRequestPolicyId = this.originRequestPolicy.id;
    } else {
      this.originRequestPolicyId = MANAGED_POLICY_IDS.allViewer;
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
              domainName: props.loadBalancerDnsName,
              vpcOriginConfig: { vpcOriginId: this.vpcOrigin.id, originReadTimeout: readTimeout },
            }
          : {
              originId,
              domainName: props.loadBalancerDnsName,
              customOriginConfig: {
                httpPort,
                httpsPort: 443,
                originProtocolPolicy: 'http-only',
                originSslProtocols: ['TLSv1.2'],
                originReadTimeout: readTimeout,
              },
            },
      ],
      defaultCacheBehavior: {
        targetOriginId: originId,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: [...ALL_METHODS],
        cachedMethods: [...CACHED_METHODS],
        cachePolicyId: MANAGED_POLICY_IDS.cachingDisabled,
        originRequestPolicyId: this.originRequestPolicyId,
        compress: true,
      },
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: { cloudfrontDefaultCertificate: true },
    });
  }
}
