/** `edge`: the CloudFront distribution, its web ACL and its access logs. */
import { z } from 'zod';
import {
  arnRegion,
  CLOUDFRONT_CERTIFICATE_REGION,
  CLOUDFRONT_MAX_ALIASES,
  CLOUDFRONT_ORIGIN_READ_TIMEOUT_SECONDS,
  WAF_RATE_LIMIT,
} from '../../constructs/shared/limits';
import { acmCertificateArn, dnsName } from './primitives';

const readTimeout = CLOUDFRONT_ORIGIN_READ_TIMEOUT_SECONDS;

export const edgeSchema = z
  .strictObject({
    priceClass: z
      .enum(['PriceClass_All', 'PriceClass_200', 'PriceClass_100'])
      .default('PriceClass_All')
      .describe('CloudFront edge locations used.'),
    ipv6Enabled: z.boolean().default(true).describe('Serve viewers over IPv6.'),
    httpVersion: z.enum(['http2', 'http2and3']).default('http2and3').describe('HTTP versions offered to viewers.'),
    originReadTimeoutSeconds: z
      .number()
      .int()
      .min(readTimeout.min)
      .max(readTimeout.max)
      .default(30)
      .describe('How long CloudFront waits for the ALB to answer (s).'),
    originDomainName: dnsName
      .optional()
      .describe('With loadBalancer.certificateArn: the name CloudFront connects to, covered by the certificate and resolving to the ALB.'),
    aliases: z
      .array(z.string().regex(/^(\*\.)?([a-z0-9-]+\.)+[a-z]{2,}$/, 'a DNS name such as api.example.com'))
      .max(CLOUDFRONT_MAX_ALIASES)
      .default([])
      .describe('Custom domain names of the distribution; require certificateArn.'),
    certificateArn: acmCertificateArn
      .optional()
      .describe(`ACM certificate in ${CLOUDFRONT_CERTIFICATE_REGION} (CloudFront requires that region) covering the aliases.`),
    webAcl: z
      .strictObject({
        rateLimitPer5Minutes: z
          .number()
          .int()
          .min(WAF_RATE_LIMIT.min)
          .max(WAF_RATE_LIMIT.max)
          .default(2000)
          .describe('Requests one client IP may make in any 5-minute window before it is blocked.'),
        commonRuleSetExcludedRules: z
          .array(z.string().regex(/^[A-Za-z0-9_]+$/))
          .default([])
          .describe('Rules of AWSManagedRulesCommonRuleSet switched to count-only (false positives).'),
      })
      .prefault({})
      .describe('WAF web ACL on the distribution.'),
    logRetentionDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(90)
      .describe('Days access logs (CloudFront, ALB) are kept in the log bucket.'),
  })
  .superRefine((edge, ctx) => {
    const cert = edge.certificateArn;
    if (cert !== undefined && arnRegion(cert) !== CLOUDFRONT_CERTIFICATE_REGION) {
      ctx.addIssue({
        code: 'custom',
        path: ['certificateArn'],
        input: cert,
        message: `must be in ${CLOUDFRONT_CERTIFICATE_REGION}: CloudFront only uses ACM certificates from ${CLOUDFRONT_CERTIFICATE_REGION}`,
      });
    }
    if (edge.aliases.length > 0 && cert === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['aliases'],
        input: edge.aliases,
        message: 'need edge.certificateArn: CloudFront serves a custom domain only with a certificate covering it',
      });
    }
    if (cert !== undefined && edge.aliases.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['certificateArn'],
        input: cert,
        message: 'is set but edge.aliases is empty; list the domain names the certificate covers',
      });
    }
  })
  .describe('The CloudFront distribution.');
