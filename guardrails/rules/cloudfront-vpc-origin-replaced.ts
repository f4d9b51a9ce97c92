/**
 * FIN-CF7 — VPC origins are replaced, never updated in place.
 *
 * Every `aws_cloudfront_vpc_origin` must set `lifecycle.create_before_destroy = true` and a
 * non-empty `lifecycle.replace_triggered_by` (a record of its settings). CloudFront refuses to
 * update a VPC origin a distribution uses (HTTP 409, hashicorp/terraform-provider-aws#40905), so an
 * in-place change — a protocol switch to HTTPS, a port, a tag — fails on apply. Replaced with
 * create-before-destroy, the new origin exists before the distribution moves to it and the old one
 * is deleted only after; CloudFront keeps its path to the load balancer throughout.
 *
 * Mirrors: hashicorp/terraform-provider-aws#40905 (workaround); AWS CloudFront Developer Guide,
 * "Update a VPC origin" (disassociate before updating).
 */
import type { GuardrailRule } from '../rule';
import { fromProblems } from '../rule';
import { block, isTrue, show, strings } from '../lib/values';

export const cloudFrontVpcOriginReplaced: GuardrailRule = {
  id: 'FIN-CF7',
  title: 'CloudFront VPC origins are replaced, never updated in place',
  severity: 'medium',
  description:
    'Every aws_cloudfront_vpc_origin sets lifecycle.create_before_destroy = true and a non-empty lifecycle.replace_triggered_by that changes with its settings.',
  mirrors: ['hashicorp/terraform-provider-aws#40905 (workaround)', 'AWS CloudFront Developer Guide: update a VPC origin'],
  resourceTypes: ['aws_cloudfront_vpc_origin'],
  check(resource) {
    const lifecycle = block(resource.config.lifecycle);
    const problems: string[] = [];
    if (!isTrue(lifecycle?.create_before_destroy)) {
      problems.push(
        `lifecycle.create_before_destroy is ${show(lifecycle?.create_before_destroy)}; set it to true, so a replacement creates the new origin before the distribution leaves the old one`,
      );
    }
    const triggers = strings(lifecycle?.replace_triggered_by);
    for (const trigger of triggers.filter((t) => t.startsWith('${'))) {
      problems.push(
        `lifecycle.replace_triggered_by lists ${show(trigger)}, which Terraform's JSON syntax rejects ("Expected the start of an expression"); write the bare address, e.g. "terraform_data.<name>"`,
      );
    }
    if (triggers.length === 0) {
      problems.push(
        'lifecycle.replace_triggered_by is empty, so a change of the settings is an in-place update CloudFront refuses while a distribution uses the origin (HTTP 409); reference a terraform_data whose triggers_replace holds the settings (and put a hash of them in the name)',
      );
    }
    return fromProblems(problems);
  },
};
