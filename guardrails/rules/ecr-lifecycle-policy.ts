/**
 * FIN-ECR3 — every repository has a lifecycle policy.
 *
 * Every `aws_ecr_repository` must have an `aws_ecr_lifecycle_policy` whose `repository`
 * references its name (or equals its literal name). Without one, old images with old
 * vulnerabilities accumulate forever and stay pullable.
 *
 * Mirrors: Security Hub ECR.3.
 */
import type { GuardrailRule, ResourceView, StackView } from '../rule';
import { compliant, nonCompliant } from '../rule';
import { isExpression, show, str } from '../lib/values';

/** True when `value` designates `repository` (reference to its name/id, or its literal name). */
function designatesRepository(stack: StackView, repository: ResourceView, value: unknown): boolean {
  const ref = stack.reference(value);
  if (ref) return ref.address === repository.address && (ref.attribute === 'name' || ref.attribute === 'id');
  const name = str(repository.config.name);
  return name !== undefined && !isExpression(name) && value === name;
}

export const ecrLifecyclePolicy: GuardrailRule = {
  id: 'FIN-ECR3',
  title: 'ECR repositories have a lifecycle policy',
  severity: 'low',
  description: 'Every ECR repository has an aws_ecr_lifecycle_policy attached.',
  mirrors: ['Security Hub ECR.3'],
  resourceTypes: ['aws_ecr_repository'],
  check(resource, stack) {
    const attached = stack.byType('aws_ecr_lifecycle_policy').some((p) => designatesRepository(stack, resource, p.config.repository));
    return attached
      ? compliant()
      : nonCompliant(
          `no aws_ecr_lifecycle_policy references repository ${show(resource.config.name)}; add one that expires untagged images and keeps a bounded number of tagged ones`,
        );
  },
};
