/** `edge`: the CloudFront distribution, its web ACL and its access logs. */
import { z } from 'zod';
import {
  arnRegion,
  CLOUDFRONT_CERTIFICATE_REGION,
  CLOUDFRONT_MAX_ALIASES,
  CLOUDFRONT_ORIGIN_READ_TIMEOUT_SECONDS,
  WAF_DEFAULT_COUNTED_COMMON_RULES,
  WAF_HEADER_NAME,
  WAF_MAX_REDACTED_FIELDS,
  WAF_RATE_LIMIT,
  WAF_REQUIRED_REDACTED_HEADERS,
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
        commonRuleSetCountedRules: z
          .array(z.string().regex(/^[A-Za-z0-9_]+$/, 'a rule name of the common rule set, e.g. SizeRestrictions_BODY'))
          .default([...WAF_DEFAULT_COUNTED_COMMON_RULES])
          .describe(
            'Rules of AWSManagedRulesCommonRuleSet that only count (log and label) instead of blocking; every other rule blocks. The default counts SizeRestrictions_BODY (bodies over 8 KB) and NoUserAgent_HEADER (no User-Agent), which ordinary API clients trip. A list replaces the default: keep those two unless the API should block them.',
          ),
        redactedHeaders: z
          .array(z.string().regex(WAF_HEADER_NAME, 'a lowercase header name (WAF returns names in lowercase), e.g. x-api-key'))
          .max(WAF_MAX_REDACTED_FIELDS)
          .default([...WAF_REQUIRED_REDACTED_HEADERS])
          .describe(
            `Request headers whose values WAF logs replace with REDACTED. Must include ${WAF_REQUIRED_REDACTED_HEADERS.join(' and ')}; add any other header that carries a credential (e.g. x-api-key).`,
          ),
      })
      .superRefine((acl, ctx) => {
        for (const header of WAF_REQUIRED_REDACTED_HEADERS) {
          if (!acl.redactedHeaders.includes(header)) {
            ctx.addIssue({
              code: 'custom',
              path: ['redactedHeaders'],
              input: acl.redactedHeaders,
              message: `must include "${header}": WAF logs every request header, so without it ${header === 'authorization' ? 'bearer tokens' : 'session cookies'} are written to the log in clear`,
            });
          }
        }
        for (const field of ['redactedHeaders', 'commonRuleSetCountedRules'] as const) {
          acl[field].forEach((value, i) => {
            if (acl[field].indexOf(value) !== i)
              ctx.addIssue({ code: 'custom', path: [field, i], input: value, message: 'is listed twice' });
          });
        }
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
