/**
 * FIN-ECR2 — image tags are immutable.
 *
 * Every `aws_ecr_repository` must set `image_tag_mutability = "IMMUTABLE"` (absent means MUTABLE).
 * With mutable tags, whoever can push can silently replace the image a tag (and a task definition
 * revision) points to; immutable tags make a deployed tag mean one image forever.
 *
 * Mirrors: checkov CKV_AWS_51; Security Hub ECR.2.
 */
import type { GuardrailRule } from '../rule';
import { compliant, nonCompliant } from '../rule';
import { show, str } from '../lib/values';

export const ecrImmutableTags: GuardrailRule = {
  id: 'FIN-ECR2',
  title: 'ECR image tags are immutable',
  severity: 'medium',
  description: 'Every ECR repository sets image_tag_mutability to IMMUTABLE.',
  mirrors: ['checkov CKV_AWS_51', 'Security Hub ECR.2'],
  resourceTypes: ['aws_ecr_repository'],
  check(resource) {
    const mutability = str(resource.config.image_tag_mutability);
    if (mutability === 'IMMUTABLE') return compliant();
    return nonCompliant(
      `image_tag_mutability is ${show(mutability ?? 'MUTABLE (default)')}; set it to "IMMUTABLE" and deploy unique tags (e.g. the git SHA) instead of moving ones like "latest"`,
    );
  },
};
