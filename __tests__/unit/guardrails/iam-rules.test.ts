import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { TerraformStack } from 'cdktf';
import { findingFor, givenStack } from '../../helpers/guardrails';

const ECS_TRUST: DataAwsIamPolicyDocumentStatement = {
  effect: 'Allow',
  actions: ['sts:AssumeRole'],
  principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }],
};

/** A role (trusting ECS tasks) with one inline policy built from `statements`. */
function givenRolePolicy(stack: TerraformStack, statements: DataAwsIamPolicyDocumentStatement[]): IamRolePolicy {
  const trust = new DataAwsIamPolicyDocument(stack, 'trust', { statement: [ECS_TRUST] });
  const role = new IamRole(stack, 'role', { name: 'role', assumeRolePolicy: trust.json });
  const document = new DataAwsIamPolicyDocument(stack, 'document', { statement: statements });
  return new IamRolePolicy(stack, 'policy', { name: 'policy', role: role.id, policy: document.json });
}

describe('FIN-IAM1', () => {
  test('compliant: GIVEN a statement listing specific actions WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const policy = givenRolePolicy(stack, [{ effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*'] }]);

    expect(findingFor(stack, 'FIN-IAM1', policy).status).toBe('compliant');
  });

  test('non-compliant: GIVEN an Allow of action "*" WHEN evaluated THEN the reason names the statement and the action', () => {
    const { stack } = givenStack();
    const policy = givenRolePolicy(stack, [{ sid: 'Admin', effect: 'Allow', actions: ['*'], resources: ['*'] }]);

    const finding = findingFor(stack, 'FIN-IAM1', policy);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('statement "Admin" allows action "*"');
  });

  test('compliant: GIVEN a Deny of action "*" WHEN evaluated THEN deny statements never violate', () => {
    const { stack } = givenStack();
    const policy = givenRolePolicy(stack, [
      {
        effect: 'Deny',
        actions: ['*'],
        resources: ['*'],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      },
    ]);

    expect(findingFor(stack, 'FIN-IAM1', policy).status).toBe('compliant');
  });

  test('not-applicable: GIVEN a key policy allowing kms:* on "*" WHEN evaluated THEN resource policies are not applicable', () => {
    const { stack } = givenStack();
    const keyPolicy = new DataAwsIamPolicyDocument(stack, 'key-policy', {
      statement: [
        {
          effect: 'Allow',
          actions: ['kms:*'],
          resources: ['*'],
          principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::123456789012:root'] }],
        },
      ],
    });
    const key = new KmsKey(stack, 'key', { enableKeyRotation: true, policy: keyPolicy.json });

    expect(findingFor(stack, 'FIN-IAM2', key).status).toBe('not-applicable');
  });
});

describe('FIN-IAM2', () => {
  test('compliant: GIVEN s3:* scoped to one bucket WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const policy = givenRolePolicy(stack, [
      { effect: 'Allow', actions: ['s3:*'], resources: ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*'] },
    ]);

    expect(findingFor(stack, 'FIN-IAM2', policy).status).toBe('compliant');
  });

  test('non-compliant: GIVEN s3:* on Resource "*" WHEN evaluated THEN the reason names the service wildcard', () => {
    const { stack } = givenStack();
    const policy = givenRolePolicy(stack, [{ effect: 'Allow', actions: ['s3:*'], resources: ['*'] }]);

    const finding = findingFor(stack, 'FIN-IAM2', policy);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('allows "s3:*" on Resource "*"');
  });
});

describe('FIN-IAM3', () => {
  test('compliant: GIVEN iam:PassRole scoped to one role ARN WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const policy = givenRolePolicy(stack, [
      { effect: 'Allow', actions: ['iam:PassRole'], resources: ['arn:aws:iam::123456789012:role/app'] },
    ]);

    expect(findingFor(stack, 'FIN-IAM3', policy).status).toBe('compliant');
  });

  test('non-compliant: GIVEN iam:Pass* on Resource "*" WHEN evaluated THEN the reason names the wildcard granting iam:PassRole', () => {
    const { stack } = givenStack();
    const policy = givenRolePolicy(stack, [{ effect: 'Allow', actions: ['iam:Pass*'], resources: ['*'] }]);

    const finding = findingFor(stack, 'FIN-IAM3', policy);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('allows iam:PassRole (through "iam:Pass*") on Resource "*"');
  });
});

describe('FIN-IAM4', () => {
  test('compliant: GIVEN ecr:GetAuthorizationToken on Resource "*" WHEN evaluated THEN the allow-listed action is accepted', () => {
    const { stack } = givenStack();
    const policy = givenRolePolicy(stack, [{ effect: 'Allow', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }]);

    expect(findingFor(stack, 'FIN-IAM4', policy).status).toBe('compliant');
  });

  test('non-compliant: GIVEN a literal JSON policy with s3:GetObject on "*" WHEN evaluated THEN the reason names the scopable action', () => {
    const { stack } = givenStack();
    const policy = new IamPolicy(stack, 'json-policy', {
      name: 'json-policy',
      policy: JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } }),
    });

    const finding = findingFor(stack, 'FIN-IAM4', policy);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('allows "s3:GetObject" on Resource "*"');
  });
});

describe('FIN-IAM5', () => {
  function givenTaskRole(stack: TerraformStack, trust: DataAwsIamPolicyDocumentStatement): IamRole {
    const document = new DataAwsIamPolicyDocument(stack, 'trust', { statement: [trust] });
    const role = new IamRole(stack, 'task-role', { name: 'task', assumeRolePolicy: document.json });
    new EcsTaskDefinition(stack, 'task', { family: 'api', containerDefinitions: '[]', taskRoleArn: role.arn });
    return role;
  }

  test('compliant: GIVEN a task role trusting only ecs-tasks.amazonaws.com WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    expect(findingFor(stack, 'FIN-IAM5', givenTaskRole(stack, ECS_TRUST)).status).toBe('compliant');
  });

  test('non-compliant: GIVEN a task role trusting an account root WHEN evaluated THEN the reason names the principal', () => {
    const { stack } = givenStack();
    const role = givenTaskRole(stack, {
      effect: 'Allow',
      actions: ['sts:AssumeRole'],
      principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::999999999999:root'] }],
    });

    const finding = findingFor(stack, 'FIN-IAM5', role);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('arn:aws:iam::999999999999:root');
  });

  test('not-applicable: GIVEN a role no task definition uses WHEN evaluated THEN the rule does not apply', () => {
    const { stack } = givenStack();
    const role = new IamRole(stack, 'other-role', {
      name: 'other',
      assumeRolePolicy: JSON.stringify({
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }],
      }),
    });

    expect(findingFor(stack, 'FIN-IAM5', role).status).toBe('not-applicable');
  });
});
