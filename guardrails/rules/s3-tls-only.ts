/**
 * FIN-BKT4 — buckets refuse requests without TLS.
 *
 * Every `aws_s3_bucket` must have a bucket policy (`aws_s3_bucket_policy`, or the deprecated inline
 * `policy`) with Deny statements for every principal (`*`), on `s3:*` (or `*`), conditioned on
 * `Bool aws:SecureTransport = false`, that together cover the bucket ARN and `${arn}/*`. Without it
 * a client can read or write objects over plain HTTP.
 *
 * Mirrors: Security Hub S3.5; cdk-nag AwsSolutions-S10; CIS AWS Foundations 2.1.1.
 */
import type { GuardrailRule, PolicyStatement } from '../rule';
import { compliant, nonCompliant } from '../rule';
import { isBucketArn, attachedToBucket } from '../lib/s3';
import { show } from '../lib/values';

/** True for a Deny of every S3 action, for everyone, when the request is not over TLS. */
function deniesInsecureTransport(s: PolicyStatement): boolean {
  const everyone = s.principals.some((p) => (p.type === '*' || p.type === 'AWS') && p.identifiers.includes('*'));
  const allS3 = s.actions.some((a) => a === '*' || a.toLowerCase() === 's3:*');
  const insecure = s.condition.some(
    (c) => /^bool(ifexists)?$/i.test(c.test) && c.variable.toLowerCase() === 'aws:securetransport' && c.values.includes('false'),
  );
  return s.effect === 'Deny' && everyone && allS3 && insecure;
}

export const s3TlsOnly: GuardrailRule = {
  id: 'FIN-BKT4',
  title: 'S3 buckets deny requests without TLS',
  severity: 'high',
  description:
    'Every S3 bucket has a policy denying s3:* to everyone when aws:SecureTransport is false, on the bucket ARN and its objects.',
  mirrors: ['Security Hub S3.5', 'cdk-nag AwsSolutions-S10', 'CIS AWS Foundations Benchmark 2.1.1'],
  resourceTypes: ['aws_s3_bucket'],
  check(resource, stack) {
    const policies = [
      ...(resource.config.policy !== undefined ? [resource.config.policy] : []),
      ...attachedToBucket(stack, resource, 'aws_s3_bucket_policy').map((p) => p.config.policy),
    ];
    const fix = `add an aws_s3_bucket_policy with a Deny of "s3:*" for principal "*" on the bucket ARN and "<arn>/*" when Bool aws:SecureTransport = "false"`;
    if (policies.length === 0) return nonCompliant(`no bucket policy for bucket ${show(resource.config.bucket)}; ${fix}`);
    const statements = policies.map((p) => stack.policyDocument(p));
    const unreadable = policies.filter((_, i) => statements[i] === undefined);
    if (unreadable.length > 0) return nonCompliant(`bucket policy ${show(unreadable[0])} cannot be read as an IAM policy; ${fix}`);
    const denies = statements.flatMap((s) => s ?? []).filter(deniesInsecureTransport);
    const resources = denies.flatMap((s) => s.resources);
    const coversBucket = resources.some((r) => r === '*' || isBucketArn(stack, resource, r, ''));
    const coversObjects = resources.some((r) => r === '*' || isBucketArn(stack, resource, r, '/*'));
    if (coversBucket && coversObjects) return compliant();
    if (denies.length === 0) return nonCompliant(`the bucket policy has no Deny on aws:SecureTransport = false; ${fix}`);
    const missing = [...(coversBucket ? [] : ['the bucket ARN']), ...(coversObjects ? [] : ['"<arn>/*"'])];
    return nonCompliant(`the TLS-only Deny covers ${show(resources)} but not ${missing.join(' nor ')}; ${fix}`);
  },
};
