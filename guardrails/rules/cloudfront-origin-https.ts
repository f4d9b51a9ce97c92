/**
 * FIN-CF6 — CloudFront connects to its origins over HTTPS.
 *
 * Every custom origin of a distribution (`custom_origin_config.origin_protocol_policy`) and every
 * VPC origin (`vpc_origin_endpoint_config.origin_protocol_policy`) must be `https-only`, so traffic
 * between the edge and the origin is encrypted. `http-only` and `match-viewer` (which falls back
 * to HTTP for HTTP viewers) are findings. S3 origins (no custom config) do not apply.
 *
 * Mirrors: Security Hub CloudFront.9; checkov CKV_AWS_34 (viewer side, the same intent).
 */
import type { GuardrailRule } from '../rule';
import { compliant, nonCompliant, notApplicable } from '../rule';
import { block, blocks, show, str } from '../lib/values';

export const cloudFrontOriginHttps: GuardrailRule = {
  id: 'FIN-CF6',
  title: 'CloudFront connects to origins over HTTPS',
  severity: 'medium',
  description: 'Custom and VPC origins use origin_protocol_policy "https-only".',
  mirrors: ['Security Hub CloudFront.9', 'checkov CKV_AWS_34 (viewer-side equivalent)'],
  resourceTypes: ['aws_cloudfront_distribution', 'aws_cloudfront_vpc_origin'],
  check(resource) {
    const policies: { where: string; policy: string | undefined }[] =
      resource.type === 'aws_cloudfront_vpc_origin'
        ? blocks(resource.config.vpc_origin_endpoint_config).map((c) => ({
            where: 'vpc_origin_endpoint_config',
            policy: str(c.origin_protocol_policy),
          }))
        : blocks(resource.config.origin).flatMap((o) => {
            const custom = block(o.custom_origin_config);
            return custom ? [{ where: `origin ${show(o.origin_id)}`, policy: str(custom.origin_protocol_policy) }] : [];
          });
    if (policies.length === 0) return notApplicable('no custom or VPC origin');
    const plain = policies.filter((p) => p.policy !== 'https-only');
    if (plain.length === 0) return compliant();
    return nonCompliant(
      `${plain.map((p) => `${p.where} uses origin_protocol_policy ${show(p.policy)}`).join('; ')}; set "https-only" (the origin then needs a certificate for the name CloudFront connects to)`,
    );
  },
};
