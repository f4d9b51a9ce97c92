/**
 * FIN-CF1 — viewers use HTTPS on every behavior.
 *
 * The default cache behavior and every ordered cache behavior of an
 * `aws_cloudfront_distribution` must set `viewer_protocol_policy` to `redirect-to-https` or
 * `https-only`; `allow-all` serves API traffic (tokens, personal data) in clear text.
 *
 * Mirrors: checkov CKV_AWS_34; Security Hub CloudFront.3.
 */
import type { GuardrailRule } from '../rule';
import { fromProblems } from '../rule';
import { cacheBehaviors } from '../lib/cloudfront';
import { show, str } from '../lib/values';

/** Viewer protocol policies that never serve HTTP content. */
export const HTTPS_VIEWER_POLICIES: readonly string[] = ['redirect-to-https', 'https-only'];

export const cloudFrontHttpsOnly: GuardrailRule = {
  id: 'FIN-CF1',
  title: 'CloudFront serves viewers over HTTPS only',
  severity: 'high',
  description: 'Every cache behavior of every distribution sets viewer_protocol_policy to redirect-to-https or https-only.',
  mirrors: ['checkov CKV_AWS_34', 'Security Hub CloudFront.3'],
  resourceTypes: ['aws_cloudfront_distribution'],
  check(resource) {
    const behaviors = cacheBehaviors(resource);
    if (behaviors.length === 0)
      return fromProblems(['has no default_cache_behavior; add one with viewer_protocol_policy = "redirect-to-https"']);
    return fromProblems(
      behaviors
        .filter((b) => !HTTPS_VIEWER_POLICIES.includes(str(b.config.viewer_protocol_policy) ?? ''))
        .map(
          (b) =>
            `${b.label}.viewer_protocol_policy is ${show(b.config.viewer_protocol_policy)}; set it to "redirect-to-https" or "https-only"`,
        ),
    );
  },
};
