import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { TerraformStack } from 'cdktf';
import { findingFor, givenStack } from '../../helpers/guardrails';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/d9c8447f-91df-4df9-a012-6a5b6eab3cd0';
const VIA_SECRETS_MANAGER = { test: 'StringEquals', variable: 'kms:ViaService', values: ['secretsmanager.us-east-1.amazonaws.com'] };

/** A role with one inline policy built from `statements`. */
function givenRolePolicy(stack: TerraformStack, statements: DataAwsIamPolicyDocumentStatement[]): IamRolePolicy {
  const trust = new DataAwsIamPolicyDocument(stack, 'trust', {
    statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }] }],
  });
  const role = new IamRole(stack, 'role', { name: 'role', assumeRolePolicy: trust.json });
  const document = new DataAwsIamPolicyDocument(stack, 'document', { statement: statements });
  return new IamRolePolicy(stack, 'policy', { name: 'policy', role: role.id, policy: document.json });
}

describe('FIN-KMS2', () => {
  test('compliant: GIVEN kms:Decrypt through Secrets Manager only WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const policy = givenRolePolicy(stack, [{ actions: ['kms:Decrypt'], resources: [KEY], condition: [VIA_SECRETS_MANAGER] }]);

    expect(findingFor(stack, 'FIN-KMS2', policy).status).toBe('compliant');
  });

  test('non-compliant: GIVEN kms:Decrypt without a condition WHEN evaluated THEN the reason names the statement and the fix', () => {
    const { stack } = givenStack();
    const policy = givenRolePolicy(stack, [{ sid: 'Decrypt', actions: ['kms:Decrypt', 'kms:DescribeKey'], resources: [KEY] }]);

    const finding = findingFor(stack, 'FIN-KMS2', policy);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain(`statement "Decrypt" allows kms:Decrypt on ["${KEY}"] without a kms:ViaService condition`);
    expect(finding.reason).toContain('variable = "kms:ViaService"');
  });

  test('non-compliant: GIVEN kms:Decrypt* granted through a wildcard WHEN evaluated THEN the wildcard counts as kms:Decrypt', () => {
    const { stack } = givenStack();
    const policy = givenRolePolicy(stack, [{ sid: 'AllDecrypt', actions: ['kms:Decrypt*'], resources: [KEY] }]);

    expect(findingFor(stack, 'FIN-KMS2', policy).status).toBe('non-compliant');
  });

  test('non-compliant: GIVEN a kms:ViaService condition of "*" WHEN evaluated THEN it narrows nothing', () => {
    const { stack } = givenStack();
    const policy = givenRolePolicy(stack, [
      { actions: ['kms:Decrypt'], resources: [KEY], condition: [{ test: 'StringLike', variable: 'kms:ViaService', values: ['*'] }] },
    ]);

    expect(findingFor(stack, 'FIN-KMS2', policy).status).toBe('non-compliant');
  });

  test('compliant: GIVEN a statement without kms:Decrypt WHEN evaluated THEN the rule has nothing to require', () => {
    const { stack } = givenStack();
    const policy = givenRolePolicy(stack, [{ actions: ['kms:DescribeKey'], resources: [KEY] }]);

    expect(findingFor(stack, 'FIN-KMS2', policy).status).toBe('compliant');
  });

  test('not-applicable: GIVEN a key policy allowing kms:Decrypt WHEN evaluated THEN resource policies are not applicable', () => {
    const { stack } = givenStack();
    const keyPolicy = new DataAwsIamPolicyDocument(stack, 'key-policy', {
      statement: [
        { actions: ['kms:Decrypt'], resources: ['*'], principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::123456789012:root'] }] },
      ],
    });
    const key = new KmsKey(stack, 'key', { enableKeyRotation: true, policy: keyPolicy.json });

    expect(findingFor(stack, 'FIN-KMS2', key).status).toBe('not-applicable');
  });
});
