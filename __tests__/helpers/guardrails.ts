/**
 * Shared set-up of the guardrail tests: a small synthetic stack with an AWS provider, the findings
 * of one rule, and the finding of one rule on one resource.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { App, TerraformResource } from 'cdktf';
import { TerraformDataSource, TerraformStack, Testing } from 'cdktf';
import type { Finding } from '../../guardrails/evaluate';
import { evaluateStack } from '../../guardrails/evaluate';
import type { GuardrailOptions } from '../../guardrails/rule';

export const DEV: GuardrailOptions = { productionLike: false };
export const PRODUCTION: GuardrailOptions = { productionLike: true };

/** A fresh app with one stack `test` and an AWS provider. */
export function givenStack(): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return { app, stack };
}

/** Terraform address of a resource or data source (`aws_lb.alb`, `data.aws_vpc.vpc`). */
export function addressOf(element: TerraformResource | TerraformDataSource): string {
  const prefix = TerraformDataSource.isTerraformDataSource(element) ? 'data.' : '';
  return `${prefix}${element.terraformResourceType}.${element.friendlyUniqueId}`;
}

/** The findings of one rule on the stack. */
export function findingsOf(stack: TerraformStack, ruleId: string, options: GuardrailOptions = DEV): Finding[] {
  return evaluateStack(stack, options).filter((f) => f.ruleId === ruleId);
}

/** The only finding of `ruleId` on `element`; fails when there is none or several. */
export function findingFor(
  stack: TerraformStack,
  ruleId: string,
  element: TerraformResource | TerraformDataSource,
  options: GuardrailOptions = DEV,
): Finding {
  const address = addressOf(element);
  const found = findingsOf(stack, ruleId, options).filter((f) => f.address === address);
  if (found.length !== 1) throw new Error(`expected one ${ruleId} finding on ${address}, found ${found.length}`);
  return found[0]!;
}
