/**
 * FIN-CF5 — TLS 1.2 (2021 ciphers) minimum with a custom certificate.
 *
 * When `viewer_certificate` names a custom certificate (`acm_certificate_arn` or
 * `iam_certificate_id`), `minimum_protocol_version` must be {@link MODERN_VIEWER_TLS_POLICIES}
 * (TLSv1.2_2021 or newer). Older policies accept TLS 1.0/1.1 or weak ciphers. With the default
 * `*.cloudfront.net` certificate CloudFront fixes the policy itself, so the rule does not apply.
 *
 * Mirrors: checkov CKV_AWS_174; cdk-nag AwsSolutions-CFR4.
 */
import type { GuardrailRule } from '../rule';
import { compliant, nonCompliant, notApplicable } from '../rule';
import { block, nonEmpty, show, str } from '../lib/values';

/** Viewer security policies accepted with a custom certificate. */
export const MODERN_VIEWER_TLS_POLICIES: readonly string[] = ['TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'];

export const cloudFrontTlsMinimum: GuardrailRule = {
  id: 'FIN-CF5',
  title: 'CloudFront requires TLSv1.2_2021 or newer with a custom certificate',
  severity: 'high',
  description: 'A distribution with a custom certificate sets minimum_protocol_version to TLSv1.2_2021, TLSv1.2_2025 or TLSv1.3_2025.',
  mirrors: ['checkov CKV_AWS_174', 'cdk-nag AwsSolutions-CFR4'],
  resourceTypes: ['aws_cloudfront_distribution'],
  check(resource) {
    const certificate = block(resource.config.viewer_certificate);
    const custom = nonEmpty(certificate?.acm_certificate_arn) ?? nonEmpty(certificate?.iam_certificate_id);
    if (custom === undefined) return notApplicable('uses the default CloudFront certificate');
    const version = str(certificate?.minimum_protocol_version);
    if (version !== undefined && MODERN_VIEWER_TLS_POLICIES.includes(version)) return compliant();
    return nonCompliant(
      `viewer_certificate.minimum_protocol_version is ${show(version ?? certificate?.minimum_protocol_version)} with custom certificate ${show(custom)}; set it to "TLSv1.2_2021" (or TLSv1.2_2025 / TLSv1.3_2025)`,
    );
  },
};
