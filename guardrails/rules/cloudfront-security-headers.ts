/**
 * FIN-CF4 — every behavior adds the security headers.
 *
 * Every cache behavior must set `response_headers_policy_id` to an
 * `aws_cloudfront_response_headers_policy` of this stack whose `security_headers_config` has
 * `strict_transport_security` with `access_control_max_age_sec` ≥ 31536000 (one year),
 * `content_type_options` (nosniff) and `frame_options` — or to one of the AWS managed policies
 * that include all three ({@link MANAGED_SECURITY_HEADERS_POLICY_IDS}). HSTS stops SSL stripping;
 * nosniff and frame options stop MIME confusion and clickjacking.
 *
 * Mirrors: checkov CKV2_AWS_32, CKV_AWS_259.
 */
import type { GuardrailRule, StackView } from '../rule';
import { fromProblems } from '../rule';
import { cacheBehaviors } from '../lib/cloudfront';
import { block, num, show, str } from '../lib/values';

/** Minimum HSTS max-age: one year. */
export const MIN_HSTS_MAX_AGE_SECONDS = 31_536_000;

/**
 * AWS managed response headers policies that send HSTS (max-age 31536000), nosniff and
 * X-Frame-Options: SecurityHeadersPolicy, CORS-with-preflight-and-SecurityHeadersPolicy,
 * CORS-and-SecurityHeadersPolicy.
 */
export const MANAGED_SECURITY_HEADERS_POLICY_IDS: readonly string[] = [
  '67f7725c-6f97-4210-82d7-5512b31e9d03',
  'eaab4381-ed33-4a86-88ca-d9558dc6cd63',
  'e61eb60c-9c35-4d20-a928-2b84e02af89c',
];

/** What is missing from the policy `policyId` points to, or an empty list. */
function policyProblems(stack: StackView, policyId: unknown): string[] {
  if (typeof policyId === 'string' && MANAGED_SECURITY_HEADERS_POLICY_IDS.includes(policyId)) return [];
  const ref = stack.reference(policyId);
  const policy = ref?.type === 'aws_cloudfront_response_headers_policy' ? stack.byAddress(ref.address) : undefined;
  if (!policy) {
    return [
      `response_headers_policy_id is ${show(policyId)}, not a response headers policy of this stack nor an AWS managed security-headers policy; attach an aws_cloudfront_response_headers_policy with security_headers_config`,
    ];
  }
  const headers = block(policy.config.security_headers_config);
  const problems: string[] = [];
  const hsts = block(headers?.strict_transport_security);
  const maxAge = num(hsts?.access_control_max_age_sec);
  if (!hsts) problems.push(`${policy.address} has no strict_transport_security`);
  else if (maxAge === undefined || maxAge < MIN_HSTS_MAX_AGE_SECONDS) {
    problems.push(
      `${policy.address} strict_transport_security.access_control_max_age_sec is ${show(hsts.access_control_max_age_sec)} (< ${MIN_HSTS_MAX_AGE_SECONDS}, one year)`,
    );
  }
  if (!block(headers?.content_type_options)) problems.push(`${policy.address} has no content_type_options (nosniff)`);
  const frame = block(headers?.frame_options);
  if (!frame || str(frame.frame_option) === undefined)
    problems.push(`${policy.address} has no frame_options.frame_option (DENY or SAMEORIGIN)`);
  return problems;
}

export const cloudFrontSecurityHeaders: GuardrailRule = {
  id: 'FIN-CF4',
  title: 'CloudFront adds HSTS, nosniff and frame-options headers',
  severity: 'medium',
  description:
    'Every cache behavior uses a response headers policy with strict_transport_security (max-age ≥ 1 year), content_type_options and frame_options.',
  mirrors: ['checkov CKV2_AWS_32', 'checkov CKV_AWS_259'],
  resourceTypes: ['aws_cloudfront_distribution'],
  check(resource, stack) {
    return fromProblems(
      cacheBehaviors(resource).flatMap((b) => {
        const policyId = b.config.response_headers_policy_id;
        if (policyId === undefined) {
          return [
            `${b.label} has no response_headers_policy_id; attach a response headers policy with strict_transport_security (max-age ≥ ${MIN_HSTS_MAX_AGE_SECONDS}), content_type_options and frame_options`,
          ];
        }
        return policyProblems(stack, policyId).map((p) => `${b.label}: ${p}`);
      }),
    );
  },
};
