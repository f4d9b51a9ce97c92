import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { renderRulesTable, renderSuppressionsTable } from '../../../guardrails/docs';
import { ALL_RULES } from '../../../guardrails/rules';
import { suppressRule } from '../../../guardrails/suppressions';
import { givenStack } from '../../helpers/guardrails';

describe('renderRulesTable', () => {
  test('GIVEN the pack WHEN rendered THEN there is a header and one row per rule with ID, severity, check and mirrors', () => {
    const lines = renderRulesTable().trimEnd().split('\n');

    expect(lines[0]).toBe('| ID | Severity | What it checks | Mirrors |');
    expect(lines).toHaveLength(ALL_RULES.length + 2);
    expect(lines[2]).toMatch(
      /^\| FIN-SG1 \| high \| No ingress from the whole internet\. .* \| cdk-nag AwsSolutions-EC23, checkov CKV_AWS_24, /,
    );
  });
});

describe('renderSuppressionsTable', () => {
  test('GIVEN a suppression WHEN rendered THEN the row names the stack, construct path, rule and reason (pipes escaped)', () => {
    const { stack } = givenStack();
    const bucket = new S3Bucket(stack, 'bucket', { bucket: 'b' });
    suppressRule(bucket, 'FIN-BKT1', 'Scratch bucket | objects are disposable');

    expect(renderSuppressionsTable([stack])).toBe(
      '| Stack | Construct path | Rule | Reason |\n| --- | --- | --- | --- |\n| test | test/bucket | FIN-BKT1 | Scratch bucket \\| objects are disposable |\n',
    );
  });

  test('GIVEN no suppressions WHEN rendered THEN it says there are none', () => {
    const { stack } = givenStack();
    expect(renderSuppressionsTable([stack])).toBe('_No guardrail suppressions._\n');
  });
});
