/**
 * FIN-ECR1 — images are scanned on push.
 *
 * Every `aws_ecr_repository` must set `image_scanning_configuration.scan_on_push = true`, unless
 * an `aws_ecr_registry_scanning_configuration` in the stack scans every repository (a rule with
 * the `*` wildcard filter) on push or continuously. Unscanned images ship known CVEs unnoticed.
 *
 * Mirrors: checkov CKV_AWS_163; Security Hub ECR.1.
 */
import type { GuardrailRule, StackView } from '../rule';
import { compliant, nonCompliant } from '../rule';
import { block, blocks, isTrue, show, str } from '../lib/values';

/** True when a registry-level scanning configuration covers every repository. */
function registryScansEverything(stack: StackView): boolean {
  return stack
    .byType('aws_ecr_registry_scanning_configuration')
    .some((config) =>
      blocks(config.config.rule).some(
        (rule) =>
          ['SCAN_ON_PUSH', 'CONTINUOUS_SCAN'].includes(str(rule.scan_frequency) ?? '') &&
          blocks(rule.repository_filter).some((f) => str(f.filter) === '*'),
      ),
    );
}

export const ecrScanOnPush: GuardrailRule = {
  id: 'FIN-ECR1',
  title: 'ECR images are scanned on push',
  severity: 'medium',
  description: 'Every ECR repository scans images on push (or a registry scanning configuration scans all repositories).',
  mirrors: ['checkov CKV_AWS_163', 'Security Hub ECR.1'],
  resourceTypes: ['aws_ecr_repository'],
  check(resource, stack) {
    const scanning = block(resource.config.image_scanning_configuration);
    if (isTrue(scanning?.scan_on_push) || registryScansEverything(stack)) return compliant();
    return nonCompliant(
      `image_scanning_configuration.scan_on_push is ${show(scanning?.scan_on_push)}; set image_scanning_configuration { scan_on_push = true }`,
    );
  },
};
