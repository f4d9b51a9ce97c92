import { renderPlanSummary, renderWarnings, summarizePlan } from '../../../scripts/lib/plan-summary';

const plan = {
  resource_changes: [
    { address: 'aws_lb.alb', type: 'aws_lb', change: { actions: ['delete', 'create'], replace_paths: [['name']] } },
    { address: 'aws_ecs_service.svc', type: 'aws_ecs_service', change: { actions: ['update'] } },
    { address: 'aws_vpc_endpoint.kms', type: 'aws_vpc_endpoint', change: { actions: ['create'] } },
    { address: 'aws_vpc_endpoint.logs', type: 'aws_vpc_endpoint', change: { actions: ['create'] } },
    { address: 'aws_s3_bucket.old', type: 'aws_s3_bucket', change: { actions: ['delete'] } },
    { address: 'data.aws_vpc.vpc', type: 'aws_vpc', change: { actions: ['read'] } },
    { address: 'aws_kms_key.k', type: 'aws_kms_key', change: { actions: ['no-op'] } },
  ],
};

describe('plan summary', () => {
  test('counts add, change, replace and destroy, ignoring reads and no-ops', () => {
    expect(summarizePlan(plan).counts).toEqual({ add: 2, change: 1, replace: 1, destroy: 1 });
  });

  test('groups the counts by resource type', () => {
    expect(summarizePlan(plan).byType).toEqual({
      aws_lb: { replace: 1 },
      aws_ecs_service: { change: 1 },
      aws_vpc_endpoint: { add: 2 },
      aws_s3_bucket: { destroy: 1 },
    });
  });

  test('names each replacement with the attribute that forces it', () => {
    expect(summarizePlan(plan).replacements).toEqual([{ address: 'aws_lb.alb', because: ['name'] }]);
  });

  test('the readable summary calls out replacements before destructions and before the table', () => {
    const text = renderPlanSummary('delivery-production', summarizePlan(plan));
    const replacement = text.indexOf('`aws_lb.alb` — forced by `name`');
    const destroyed = text.indexOf('`aws_s3_bucket.old`');
    const table = text.indexOf('| resource type |');
    expect(text).toMatch(/\*\*0 to import, 2 to add, 1 to change, 1 to replace, 1 to destroy\.\*\*/);
    expect(replacement).toBeGreaterThan(0);
    expect(destroyed).toBeGreaterThan(replacement);
    expect(table).toBeGreaterThan(destroyed);
  });

  test('an empty plan says there are no changes', () => {
    expect(renderPlanSummary('s', summarizePlan({ resource_changes: [] }))).toMatch(/No changes\./);
  });
});

describe('plan summary warnings', () => {
  test('GIVEN no warnings WHEN rendered THEN nothing is added to the summary', () => {
    expect(renderWarnings([])).toBe('');
  });

  test('GIVEN warnings WHEN rendered THEN each is a bullet with its field, problem and fix', () => {
    const markdown = renderWarnings([{ path: 'monitoring.alarmSubscriptions', problem: 'is empty', fix: 'add one' }]);
    expect(markdown).toContain('**Warnings**');
    expect(markdown).toContain('- `monitoring.alarmSubscriptions`: is empty. **Fix:** add one.');
  });
});
