import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { TerraformStack } from 'cdktf';
import { isRootUser } from '../../../guardrails/rules/container-non-root-user';
import { looksSecret } from '../../../guardrails/rules/container-no-plain-secrets';
import { findingFor, givenStack } from '../../helpers/guardrails';

/** A container that passes every container rule. */
const HARDENED = {
  name: 'api',
  image: 'registry/api:1.0.0',
  readonlyRootFilesystem: true,
  user: '1000:1000',
  privileged: false,
  logConfiguration: {
    logDriver: 'awslogs',
    options: { 'awslogs-group': '/ecs/api', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'api' },
  },
  environment: [{ name: 'REGION', value: 'us-east-1' }],
  secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db' }],
};

/** A task definition with one container: HARDENED with `changes` applied (undefined removes a key). */
function givenTaskDefinition(stack: TerraformStack, changes: Record<string, unknown> = {}): EcsTaskDefinition {
  const container = Object.fromEntries(Object.entries({ ...HARDENED, ...changes }).filter(([, v]) => v !== undefined));
  return new EcsTaskDefinition(stack, 'task', { family: 'api', containerDefinitions: JSON.stringify([container]) });
}

describe('FIN-ECS1', () => {
  test('compliant: GIVEN a container with a read-only root filesystem WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    expect(findingFor(stack, 'FIN-ECS1', givenTaskDefinition(stack)).status).toBe('compliant');
  });

  test('non-compliant: GIVEN readonlyRootFilesystem false WHEN evaluated THEN the reason names the container and the value', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-ECS1', givenTaskDefinition(stack, { readonlyRootFilesystem: false }));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('container "api": readonlyRootFilesystem is false');
  });
});

describe('FIN-ECS2', () => {
  test('compliant: GIVEN user 1000:1000 WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    expect(findingFor(stack, 'FIN-ECS2', givenTaskDefinition(stack)).status).toBe('compliant');
  });

  test('non-compliant: GIVEN user 0:0 WHEN evaluated THEN the reason names the root user', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-ECS2', givenTaskDefinition(stack, { user: '0:0' }));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('user is "0:0" (root)');
  });

  test('non-compliant: GIVEN no user WHEN evaluated THEN the reason says the image USER applies', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-ECS2', givenTaskDefinition(stack, { user: undefined }));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('user is absent');
  });

  test.each([
    ['root', true],
    ['0', true],
    ['0:1000', true],
    ['root:root', true],
    ['1000', false],
    ['1000:0', false],
    ['app', false],
  ])('isRootUser(%s) is %s', (user, expected) => {
    expect(isRootUser(user)).toBe(expected);
  });
});

describe('FIN-ECS3', () => {
  test('compliant: GIVEN privileged false WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    expect(findingFor(stack, 'FIN-ECS3', givenTaskDefinition(stack)).status).toBe('compliant');
  });

  test('non-compliant: GIVEN privileged true WHEN evaluated THEN the reason names the value', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-ECS3', givenTaskDefinition(stack, { privileged: true }));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('privileged is true');
  });
});

describe('FIN-ECS4', () => {
  test('compliant: GIVEN an awslogs log configuration WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    expect(findingFor(stack, 'FIN-ECS4', givenTaskDefinition(stack)).status).toBe('compliant');
  });

  test('non-compliant: GIVEN no logConfiguration WHEN evaluated THEN the reason says it is absent', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-ECS4', givenTaskDefinition(stack, { logConfiguration: undefined }));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('logConfiguration is absent');
  });
});

describe('FIN-ECS5', () => {
  test('compliant: GIVEN the password injected through secrets WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    expect(findingFor(stack, 'FIN-ECS5', givenTaskDefinition(stack)).status).toBe('compliant');
  });

  test('non-compliant: GIVEN DB_PASSWORD in the plain environment WHEN evaluated THEN the reason names the variable', () => {
    const { stack } = givenStack();
    const environment = [...HARDENED.environment, { name: 'DB_PASSWORD', value: 'hunter2' }];
    const finding = findingFor(stack, 'FIN-ECS5', givenTaskDefinition(stack, { environment, secrets: [] }));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('"DB_PASSWORD"');
    expect(finding.reason).not.toContain('hunter2');
  });

  test.each([
    ['API_KEY', true],
    ['GITHUB_TOKEN', true],
    ['jwt_secret', true],
    ['REGION', false],
    ['REDIS_HOST', false],
  ])('looksSecret(%s) is %s', (name, expected) => {
    expect(looksSecret(name)).toBe(expected);
  });
});

describe('FIN-ECS6', () => {
  function givenRole(stack: TerraformStack, id: string): IamRole {
    return new IamRole(stack, id, { name: id, assumeRolePolicy: '{"Version":"2012-10-17","Statement":[]}' });
  }

  test('compliant: GIVEN distinct task and execution roles WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const task = new EcsTaskDefinition(stack, 'task', {
      family: 'api',
      containerDefinitions: JSON.stringify([HARDENED]),
      taskRoleArn: givenRole(stack, 'task-role').arn,
      executionRoleArn: givenRole(stack, 'execution-role').arn,
    });

    expect(findingFor(stack, 'FIN-ECS6', task).status).toBe('compliant');
  });

  test('non-compliant: GIVEN one role as both task and execution role WHEN evaluated THEN the reason names the role', () => {
    const { stack } = givenStack();
    const role = givenRole(stack, 'shared-role');
    const task = new EcsTaskDefinition(stack, 'task', {
      family: 'api',
      containerDefinitions: JSON.stringify([HARDENED]),
      taskRoleArn: role.arn,
      executionRoleArn: role.arn,
    });

    const finding = findingFor(stack, 'FIN-ECS6', task);

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('"${aws_iam_role.shared-role.arn}"');
  });
});
