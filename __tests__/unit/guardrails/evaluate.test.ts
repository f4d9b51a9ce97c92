import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import type { TerraformStack } from 'cdktf';
import { evaluateStack, UNUSED_SUPPRESSION_RULE_ID } from '../../../guardrails/evaluate';
import type { GuardrailRule } from '../../../guardrails/rule';
import { ALL_RULES, ruleById } from '../../../guardrails/rules';
import { suppressRule } from '../../../guardrails/suppressions';
import { addressOf, DEV, findingFor, findingsOf, givenStack } from '../../helpers/guardrails';

const REASON = 'Replicated from the primary region; versioning lives there.';

/** A bucket (no versioning, no encryption, ...) under a construct `scope`. */
function givenBucketIn(stack: TerraformStack, scope: string): S3Bucket {
  return new S3Bucket(new Construct(stack, scope), 'bucket', { bucket: `bucket-${scope}` });
}

function rule(id: string, check: GuardrailRule['check']): GuardrailRule {
  return { id, title: 'Test rule', severity: 'low', description: 'Test.', mirrors: [], resourceTypes: ['aws_s3_bucket'], check };
}

describe('evaluateStack', () => {
  test('GIVEN a rule that throws WHEN evaluated THEN it becomes a non-compliant finding with the message, not a crash', () => {
    const { stack } = givenStack();
    const bucket = givenBucketIn(stack, 'a');
    const throwing = rule('FIN-TEST1', () => {
      throw new Error('boom');
    });

    const findings = evaluateStack(stack, DEV, [throwing]);

    expect(findings).toEqual([
      {
        ruleId: 'FIN-TEST1',
        title: 'Test rule',
        severity: 'low',
        path: 'test/a/bucket',
        address: addressOf(bucket),
        status: 'non-compliant',
        reason: 'rule threw: boom',
      },
    ]);
  });

  test('GIVEN a rule answering non-compliant without a reason WHEN evaluated THEN the finding says so', () => {
    const { stack } = givenStack();
    givenBucketIn(stack, 'a');
    const silent = rule('FIN-TEST2', () => ({ status: 'non-compliant', reason: ' ' }));

    expect(evaluateStack(stack, DEV, [silent])[0]?.reason).toBe('rule returned non-compliant without a reason');
  });

  test('GIVEN a rule and resources of its types WHEN evaluated THEN it runs once per resource, in address order', () => {
    const { stack } = givenStack();
    const b = givenBucketIn(stack, 'b');
    const a = givenBucketIn(stack, 'a');
    const seen: string[] = [];
    const recording = rule('FIN-TEST3', (r) => {
      seen.push(r.address);
      return { status: 'compliant' };
    });

    evaluateStack(stack, DEV, [recording]);

    expect(seen).toEqual([addressOf(a), addressOf(b)]);
  });
});

describe('suppressRule', () => {
  test('GIVEN an unknown rule ID WHEN suppressing THEN it throws naming the construct path, the ID and the problem', () => {
    const { stack } = givenStack();
    const bucket = givenBucketIn(stack, 'a');

    expect(() => suppressRule(bucket, 'FIN-NOPE', REASON)).toThrow(/"test\/a\/bucket" for rule "FIN-NOPE": unknown rule ID/);
  });

  test('GIVEN a reason shorter than 10 characters WHEN suppressing THEN it throws naming the construct path, the ID and the length', () => {
    const { stack } = givenStack();
    const bucket = givenBucketIn(stack, 'a');

    expect(() => suppressRule(bucket, 'FIN-BKT1', ' too short ')).toThrow(
      /"test\/a\/bucket" for rule "FIN-BKT1": .*9 characters; give at least 10/,
    );
  });

  test('GIVEN a construct outside any stack WHEN suppressing THEN it throws', () => {
    const { app } = givenStack();

    expect(() => suppressRule(app, 'FIN-BKT1', REASON)).toThrow(/not inside a TerraformStack/);
  });

  test('GIVEN the same rule suppressed twice on one construct WHEN suppressing THEN the second throws', () => {
    const { stack } = givenStack();
    const bucket = givenBucketIn(stack, 'a');
    suppressRule(bucket, 'FIN-BKT1', REASON);

    expect(() => suppressRule(bucket, 'FIN-BKT1', REASON)).toThrow(/already suppressed/);
  });

  test('GIVEN a suppression on a construct WHEN evaluated THEN exactly its rule is silenced on its subtree, with the reason', () => {
    const { stack } = givenStack();
    const inScope = givenBucketIn(stack, 'a');
    const outOfScope = givenBucketIn(stack, 'b');
    suppressRule(inScope.node.scope!, 'FIN-BKT1', REASON);

    expect(findingFor(stack, 'FIN-BKT1', inScope)).toMatchObject({
      status: 'non-compliant',
      suppressed: { reason: REASON, path: 'test/a' },
    });
    expect(findingFor(stack, 'FIN-BKT1', outOfScope).suppressed).toBeUndefined();
    expect(findingFor(stack, 'FIN-BKT2', inScope).suppressed).toBeUndefined();
  });

  test('GIVEN a suppression that covers no non-compliant finding WHEN evaluated THEN an unused-suppression finding names it', () => {
    const { stack } = givenStack();
    const bucket = givenBucketIn(stack, 'a');
    new S3BucketVersioningA(stack, 'versioning', { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
    suppressRule(bucket, 'FIN-BKT1', REASON);

    const unused = findingsOf(stack, UNUSED_SUPPRESSION_RULE_ID);

    expect(unused).toEqual([expect.objectContaining({ status: 'non-compliant', path: 'test/a/bucket', address: addressOf(bucket) })]);
    expect(unused[0]?.reason).toContain('suppression of FIN-BKT1');
  });

  test('GIVEN a suppression of a rule that is not evaluated WHEN evaluating a subset THEN it is not reported unused', () => {
    const { stack } = givenStack();
    const bucket = givenBucketIn(stack, 'a');
    new S3BucketVersioningA(stack, 'versioning', { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
    suppressRule(bucket, 'FIN-BKT1', REASON);

    const findings = evaluateStack(stack, DEV, [ruleById('FIN-BKT2')!]);

    expect(findings.filter((f) => f.ruleId === UNUSED_SUPPRESSION_RULE_ID)).toEqual([]);
  });

  test('GIVEN the pack WHEN listing rule IDs THEN the unused-suppression ID is not a suppressible rule', () => {
    expect(ALL_RULES.map((r) => r.id)).not.toContain(UNUSED_SUPPRESSION_RULE_ID);
  });
});
