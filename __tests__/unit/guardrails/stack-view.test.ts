import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Fn, TerraformVariable, Testing } from 'cdktf';
import { evaluateStack } from '../../../guardrails/evaluate';
import { buildStackView, parseReference } from '../../../guardrails/stack-view';
import { addressOf, DEV, givenStack } from '../../helpers/guardrails';

/** A stack with references, functions, JSON-encoded tokens, lifecycle and an override. */
function givenTokenRichStack() {
  const { app, stack } = givenStack();
  const tag = new TerraformVariable(stack, 'tag', { type: 'string', default: 'v1' });
  const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
  const subnet = new Subnet(stack, 'subnet', { vpcId: vpc.id, cidrBlock: Fn.cidrsubnet(vpc.cidrBlock, 8, 1) });
  subnet.addOverride('map_public_ip_on_launch', false);
  const bucket = new S3Bucket(stack, 'bucket', { bucket: 'b', lifecycle: { preventDestroy: true } });
  const document = new DataAwsIamPolicyDocument(stack, 'document', {
    statement: [
      { effect: 'Deny', actions: ['s3:*'], resources: [bucket.arn, `${bucket.arn}/*`], principals: [{ type: '*', identifiers: ['*'] }] },
    ],
  });
  new S3BucketPolicy(stack, 'policy', { bucket: bucket.id, policy: document.json });
  const role = new IamRole(stack, 'role', { name: 'role', assumeRolePolicy: '{"Statement":[]}' });
  const task = new EcsTaskDefinition(stack, 'task', {
    family: 'api',
    taskRoleArn: role.arn,
    containerDefinitions: JSON.stringify([{ name: 'api', image: `${bucket.bucketDomainName}:${tag.stringValue}` }]),
  });
  return { app, stack, vpc, subnet, bucket, document, task };
}

/** A JSON value without cdktf's "//" metadata keys, like Testing.synth output. */
function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== '//')
      .map(([k, v]) => [k, withoutMetadata(v)]),
  );
}

describe('StackView', () => {
  test('GIVEN a stack with tokens WHEN the view is built THEN every config equals the synthesized JSON of that element', () => {
    const { stack } = givenTokenRichStack();
    const synthesized = JSON.parse(Testing.synth(stack)) as Record<string, Record<string, Record<string, unknown>>>;

    const view = buildStackView(stack);

    expect(view.resources.length).toBeGreaterThan(0);
    for (const r of view.resources) {
      const section = r.mode === 'data' ? synthesized.data : synthesized.resource;
      expect(withoutMetadata(r.config)).toEqual(section?.[r.type]?.[r.name]);
    }
  });

  test('GIVEN a resource in the stack WHEN the view is built THEN it carries its address, name, construct path and mode', () => {
    const { stack, subnet, document } = givenTokenRichStack();

    const view = buildStackView(stack);

    expect(view.byAddress('aws_subnet.subnet')).toMatchObject({ type: 'aws_subnet', name: 'subnet', path: 'test/subnet', mode: 'managed' });
    expect(view.byAddress(addressOf(document))).toMatchObject({ address: 'data.aws_iam_policy_document.document', mode: 'data' });
    expect(view.byType('aws_subnet').map((r) => r.address)).toEqual([addressOf(subnet)]);
    expect(view.byType('data.aws_iam_policy_document')).toHaveLength(1);
  });

  test('GIVEN a built view WHEN a rule tries to change a config THEN the config is frozen', () => {
    const { stack } = givenTokenRichStack();
    const subnet = buildStackView(stack).byAddress('aws_subnet.subnet');

    expect(() => {
      (subnet!.config as Record<string, unknown>).map_public_ip_on_launch = true;
    }).toThrow(TypeError);
  });

  test.each([
    ['${aws_lb.alb.arn}', 'aws_lb.alb'],
    ['${data.aws_iam_policy_document.x_1A2B.json}', 'data.aws_iam_policy_document.x_1A2B'],
    ['${aws_security_group.security-groups_alb-80_7ABC0693.id}', 'aws_security_group.security-groups_alb-80_7ABC0693'],
    ['${aws_s3_bucket.b.arn}/*', undefined],
    ['${var.image_tag}', undefined],
    ['${element(aws_db_instance.db.master_user_secret, 0).secret_arn}', undefined],
    ['sg-0123', undefined],
  ])('referencedAddress(%s) is %s', (value, expected) => {
    const { stack } = givenStack();
    expect(buildStackView(stack).referencedAddress(value)).toBe(expected);
  });

  test('GIVEN a data-source reference WHEN parsed THEN the attribute and the data. type are returned', () => {
    expect(parseReference('${data.aws_vpc.main.cidr_block}')).toEqual({
      address: 'data.aws_vpc.main',
      type: 'data.aws_vpc',
      name: 'main',
      mode: 'data',
      attribute: 'cidr_block',
    });
  });

  test('GIVEN a policy document reference WHEN read THEN the statements are normalised with snake_case keys', () => {
    const { stack, bucket } = givenTokenRichStack();
    const view = buildStackView(stack);

    const statements = view.policyDocument(view.byType('aws_s3_bucket_policy')[0]?.config.policy);

    expect(statements).toEqual([
      {
        effect: 'Deny',
        actions: ['s3:*'],
        not_actions: [],
        resources: [`\${${addressOf(bucket)}.arn}`, `\${${addressOf(bucket)}.arn}/*`],
        not_resources: [],
        principals: [{ type: '*', identifiers: ['*'] }],
        not_principals: [],
        condition: [],
      },
    ]);
  });

  test('GIVEN a literal JSON policy WHEN read THEN Action, Resource, Principal and Condition take the data-source shape', () => {
    const { stack } = givenStack();
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: {
        Sid: 'TlsOnly',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: 'arn:aws:s3:::b',
        Condition: { Bool: { 'aws:SecureTransport': false } },
      },
    });

    expect(buildStackView(stack).policyDocument(policy)).toEqual([
      {
        sid: 'TlsOnly',
        effect: 'Deny',
        actions: ['s3:*'],
        not_actions: [],
        resources: ['arn:aws:s3:::b'],
        not_resources: [],
        principals: [{ type: '*', identifiers: ['*'] }],
        not_principals: [],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      },
    ]);
  });

  test('GIVEN a value that is not a policy WHEN read THEN policyDocument is undefined', () => {
    const { stack } = givenStack();
    const view = buildStackView(stack);

    expect(view.policyDocument('${jsonencode({})}')).toBeUndefined();
    expect(view.policyDocument('${aws_iam_role.role.arn}')).toBeUndefined();
    expect(view.policyDocument('{"Version":"2012-10-17"}')).toBeUndefined();
  });

  test('GIVEN a stack WHEN evaluated twice THEN the findings are equal and the construct tree and synth output are unchanged', () => {
    const { stack } = givenTokenRichStack();
    const before = Testing.synth(stack);
    const metadataBefore = stack.node.findAll().map((c) => c.node.metadata.length);

    const first = evaluateStack(stack, DEV);
    const second = evaluateStack(stack, DEV);

    expect(second).toEqual(first);
    expect(stack.node.findAll().map((c) => c.node.metadata.length)).toEqual(metadataBefore);
    expect(Testing.synth(stack)).toBe(before);
  });
});
