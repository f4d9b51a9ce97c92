import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import type { IAspect, TerraformStack } from 'cdktf';
import { Aspects, Testing } from 'cdktf';
import type { IConstruct } from 'constructs';
import { applyGuardrails } from '../../../guardrails/pack';
import { suppressRule } from '../../../guardrails/suppressions';
import { DEV, givenStack } from '../../helpers/guardrails';

/** A repository that fails only FIN-ECR2 (mutable tags). */
function givenMutableRepository(stack: TerraformStack): EcrRepository {
  const repository = new EcrRepository(stack, 'repository', {
    name: 'api',
    imageTagMutability: 'MUTABLE',
    imageScanningConfiguration: { scanOnPush: true },
  });
  new EcrLifecyclePolicy(stack, 'lifecycle', { repository: repository.name, policy: '{"rules":[]}' });
  return repository;
}

/** Error annotations on a construct. */
function errorsOn(construct: IConstruct): unknown[] {
  return construct.node.metadata.filter((m) => m.type === '@cdktf/error').map((m) => m.data);
}

describe('GuardrailsPack', () => {
  test('GIVEN a non-compliant resource WHEN the app is synthesized THEN synth throws naming the rule, the resource path and the reason', () => {
    const { app, stack } = givenStack();
    givenMutableRepository(stack);
    applyGuardrails(stack, DEV);

    expect(() => app.synth()).toThrow(
      /\[test\/repository\] \[FIN-ECR2\] ECR image tags are immutable: image_tag_mutability is "MUTABLE"; set it to "IMMUTABLE"/,
    );
  });

  test('GIVEN a compliant stack WHEN the app is synthesized THEN synth succeeds', () => {
    const { app, stack } = givenStack();
    const repository = givenMutableRepository(stack);
    repository.imageTagMutability = 'IMMUTABLE';
    applyGuardrails(stack, DEV);

    expect(() => app.synth()).not.toThrow();
  });

  test('GIVEN the finding suppressed with a reason WHEN the app is synthesized THEN synth succeeds', () => {
    const { app, stack } = givenStack();
    const repository = givenMutableRepository(stack);
    suppressRule(repository, 'FIN-ECR2', 'Release tags are promoted by re-tagging until the pipeline moves to SHA tags.');
    applyGuardrails(stack, DEV);

    expect(() => app.synth()).not.toThrow();
  });

  test('GIVEN an unused suppression WHEN the app is synthesized THEN synth throws naming FIN-UNUSED', () => {
    const { app, stack } = givenStack();
    const repository = givenMutableRepository(stack);
    repository.imageTagMutability = 'IMMUTABLE';
    suppressRule(repository, 'FIN-ECR2', 'Release tags are promoted by re-tagging until the pipeline moves to SHA tags.');
    applyGuardrails(stack, DEV);

    expect(() => app.synth()).toThrow(/\[test\/repository\] \[FIN-UNUSED\] Suppression matched no finding/);
  });

  test('GIVEN Testing.synth with validations WHEN run THEN it does not throw on annotations but the error annotation is on the resource', () => {
    const { stack } = givenStack();
    const repository = givenMutableRepository(stack);
    applyGuardrails(stack, DEV);

    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(errorsOn(repository)).toEqual([
      expect.stringContaining('[FIN-ECR2] ECR image tags are immutable: image_tag_mutability is "MUTABLE"'),
    ]);
  });

  test('GIVEN aspects invoked twice WHEN synthesizing twice THEN the pack evaluates the stack once', () => {
    const { stack } = givenStack();
    const repository = givenMutableRepository(stack);
    applyGuardrails(stack, DEV);

    Testing.synth(stack);
    Testing.synth(stack);

    expect(errorsOn(repository)).toHaveLength(1);
  });

  test('GIVEN another aspect that fixes resources WHEN the app is synthesized THEN the pack sees the fixed tree', () => {
    const { app, stack } = givenStack();
    givenMutableRepository(stack);
    applyGuardrails(stack, DEV);
    const immutableTags: IAspect = {
      visit(node) {
        if (node instanceof EcrRepository) node.imageTagMutability = 'IMMUTABLE';
      },
    };
    Aspects.of(stack).add(immutableTags);

    expect(() => app.synth()).not.toThrow();
  });
});
