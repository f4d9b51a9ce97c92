/**
 * S3 bucket settings live in separate resources (`aws_s3_bucket_versioning`, `..._policy`, ...)
 * whose `bucket` attribute references the bucket (`${aws_s3_bucket.X.id}` or `.bucket`) or names
 * it literally. These helpers find them.
 */
import type { ResourceView, StackView } from '../rule';
import { isExpression, str } from './values';

/** True when `value` designates `bucket`: a reference to its id/bucket, or its literal name. */
export function designatesBucket(view: StackView, bucket: ResourceView, value: unknown): boolean {
  const ref = view.reference(value);
  if (ref) return ref.address === bucket.address && (ref.attribute === 'id' || ref.attribute === 'bucket');
  const name = str(bucket.config.bucket);
  return name !== undefined && !isExpression(name) && value === name;
}

/** The resources of `type` attached to `bucket` through their `bucket` attribute. */
export function attachedToBucket(view: StackView, bucket: ResourceView, type: string): readonly ResourceView[] {
  return view.byType(type).filter((r) => designatesBucket(view, bucket, r.config.bucket));
}

/** True when `value` is the ARN of `bucket` (reference to `.arn`, or `arn:<partition>:s3:::<name>`), with `suffix` appended. */
export function isBucketArn(view: StackView, bucket: ResourceView, value: string, suffix: '' | '/*'): boolean {
  if (suffix !== '' && !value.endsWith(suffix)) return false;
  const base = suffix === '' ? value : value.slice(0, -suffix.length);
  const ref = view.reference(base);
  if (ref) return ref.address === bucket.address && ref.attribute === 'arn';
  const name = str(bucket.config.bucket);
  return name !== undefined && !isExpression(name) && new RegExp(`^arn:[^:]+:s3:::${escapeRegex(name)}$`).test(base);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
