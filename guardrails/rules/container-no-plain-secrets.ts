/**
 * FIN-ECS5 — no secret-looking names in plain environment variables.
 *
 * No container's `environment` may contain a variable whose name looks like a secret
 * ({@link SECRET_NAME_PATTERNS}: PASSWORD, SECRET, TOKEN, API_KEY, ...). Plain environment values
 * are stored in the task definition, readable by anyone with `ecs:DescribeTaskDefinition`, and end
 * up in the Terraform state; secrets belong in `secrets` (`valueFrom` Secrets Manager or SSM).
 *
 * Mirrors: Security Hub ECS.8; cdk-nag AwsSolutions-ECS2; AWS Config ecs-no-environment-secrets.
 */
import type { GuardrailRule } from '../rule';
import { checkContainers } from '../lib/containers';
import { blocks, show, str } from '../lib/values';

/** Name patterns that mark a variable as a secret (case-insensitive, anywhere in the name). */
export const SECRET_NAME_PATTERNS: readonly RegExp[] = [/PASSWORD/i, /PASSWD/i, /SECRET/i, /TOKEN/i, /API[_-]?KEY/i, /PRIVATE[_-]?KEY/i];

/** True when an environment variable name looks like it holds a secret. */
export function looksSecret(name: string): boolean {
  return SECRET_NAME_PATTERNS.some((p) => p.test(name));
}

export const containerNoPlainSecrets: GuardrailRule = {
  id: 'FIN-ECS5',
  title: 'No secrets in plain environment variables',
  severity: 'high',
  description:
    'No container environment variable is named like a secret (PASSWORD, SECRET, TOKEN, API_KEY, ...); such values go in secrets.',
  mirrors: ['Security Hub ECS.8', 'cdk-nag AwsSolutions-ECS2', 'AWS Config ecs-no-environment-secrets'],
  resourceTypes: ['aws_ecs_task_definition'],
  check(resource) {
    return checkContainers(resource, (c) => {
      const names = blocks(c.environment)
        .map((e) => str(e.name) ?? '')
        .filter(looksSecret);
      if (names.length === 0) return undefined;
      return `environment has ${names.map((n) => show(n)).join(', ')}; move each to secrets with valueFrom a Secrets Manager secret (or SSM SecureString)`;
    });
  },
};
