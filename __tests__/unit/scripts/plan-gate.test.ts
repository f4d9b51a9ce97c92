import { evaluateGate, parseOverrides, renderGate } from '../../../scripts/lib/plan-gate';

const change = (address: string, actions: string[], replacePaths: string[][] = []) => ({
  address,
  type: address.split('.')[0]!,
  change: { actions, replace_paths: replacePaths },
});

describe('the plan safety gate', () => {
  test('GIVEN a replacement of the ECS service THEN it is refused, naming what forces it', () => {
    const gate = evaluateGate({ resource_changes: [change('aws_ecs_service.svc', ['delete', 'create'], [['name']])] });
    expect(gate.offenders.map((o) => o.line)).toEqual([
      'aws_ecs_service.svc: the plan would replace the ECS service (a replacement drops every running task) (forced by name)',
    ]);
  });

  test('GIVEN a protected resource removed from the configuration THEN its destruction is refused (prevent_destroy would not see it)', () => {
    const gate = evaluateGate({ resource_changes: [change('aws_cloudfront_distribution.cdn', ['delete'])] });
    expect(gate.offenders[0]?.line).toMatch(/would destroy the CloudFront distribution/);
  });

  test.each([
    'aws_lb.alb',
    'aws_lb_listener.http',
    'aws_lb_target_group.tg',
    'aws_ecr_repository.repo',
    'aws_cloudwatch_log_group.logs',
    'aws_kms_key.key',
    'aws_db_instance.db',
    'aws_s3_bucket.state',
  ])('GIVEN %s replaced THEN it is refused', (address) => {
    expect(evaluateGate({ resource_changes: [change(address, ['create', 'delete'])] }).offenders).toHaveLength(1);
  });

  test('GIVEN a VPC origin replaced create-before-destroy THEN it passes as a replacement without a gap', () => {
    const gate = evaluateGate({ resource_changes: [change('aws_cloudfront_vpc_origin.o', ['create', 'delete'])] });
    expect(gate).toEqual({ offenders: [], overridden: [], safeReplacements: ['aws_cloudfront_vpc_origin.o'] });
  });

  test('GIVEN a VPC origin destroyed before its replacement exists THEN it is refused', () => {
    expect(evaluateGate({ resource_changes: [change('aws_cloudfront_vpc_origin.o', ['delete', 'create'])] }).offenders).toHaveLength(1);
  });

  test('GIVEN updates, creates and replacements of unprotected resources THEN it passes', () => {
    const gate = evaluateGate({
      resource_changes: [
        change('aws_ecs_service.svc', ['update']),
        change('aws_ecs_task_definition.td', ['delete', 'create']),
        change('aws_security_group.sg', ['create']),
      ],
    });
    expect(gate.offenders).toEqual([]);
  });

  test('GIVEN an override for the offender THEN it passes, and the override is printed with its reason', () => {
    const gate = evaluateGate({ resource_changes: [change('aws_lb.alb', ['delete', 'create'])] }, [
      { address: 'aws_lb.alb', reason: 'moving to new subnets during the maintenance window' },
    ]);
    expect(gate.offenders).toEqual([]);
    expect(renderGate('delivery-production', gate)).toMatch(/Allowed by override: aws_lb\.alb: .* reason: moving to new subnets/);
  });

  test('the summary says FAILED with one line per offender, and how to proceed', () => {
    const text = renderGate('s', evaluateGate({ resource_changes: [change('aws_ecs_service.svc', ['delete', 'create'])] }));
    expect(text).toMatch(/\*\*FAILED: 1 protected resource\(s\) would be destroyed or replaced:\*\*/);
    expect(text).toMatch(/--allow-replace <address>=<reason>/);
  });
});

describe('gate overrides', () => {
  test('parses --allow-replace <address>=<reason>', () => {
    expect(parseOverrides(['dev', '--allow-replace', 'aws_lb.alb=new subnets, agreed in review'])).toEqual([
      { address: 'aws_lb.alb', reason: 'new subnets, agreed in review' },
    ]);
  });

  test.each(['aws_lb.alb', 'aws_lb.alb=short', '=a reason long enough'])('refuses %j, naming the expected form', (value) => {
    expect(() => parseOverrides(['--allow-replace', value])).toThrow(
      /--allow-replace takes <address>=<reason> with a reason of at least 10 characters/,
    );
  });
});
