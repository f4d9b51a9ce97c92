/**
 * How a refresh-only plan becomes a drift report. The plans here have the shape of
 * `terraform show -json`; the emulator test (__tests__/terraform/release-safety.test.ts) produces
 * real ones.
 */
import {
  ALWAYS_OWNED,
  driftExitCode,
  driftReport,
  ownershipFromConfig,
  REDACTED,
  renderDriftReport,
  type PlanJson,
} from '../../../scripts/lib/drift';
import { unmanagedAttributes, type ProviderSchemas } from '../../../scripts/lib/drift-schema';
import { synthDelivery } from '../../helpers/synth';

type Drift = NonNullable<PlanJson['resource_drift']>[number];

function drift(
  address: string,
  before: Record<string, unknown>,
  after: Record<string, unknown> | null,
  extra: Partial<Drift['change']> = {},
): Drift {
  return { address, type: address.split('.')[0]!, change: { actions: after === null ? ['delete'] : ['update'], before, after, ...extra } };
}

const TARGET_GROUP = 'aws_lb_target_group.load-balancer_target-group_1';
const SERVICE = 'aws_ecs_service.service_service_1';

describe('driftReport', () => {
  test('GIVEN no resource drift THEN the report is clean and the exit code is 0', () => {
    const report = driftReport({ resource_drift: [] }, ALWAYS_OWNED);
    expect(report).toEqual({ drifted: [], ownedElsewhere: [], unmanagedChanges: 0, failedChecks: [] });
    expect(driftExitCode(report)).toBe(0);
  });

  test('GIVEN a changed health check THEN the resource and the nested attribute path are reported with both values (exit 2)', () => {
    const before = { health_check: [{ path: '/health', interval: 30 }], name: 'tg' };
    const after = { health_check: [{ path: '/changed', interval: 30 }], name: 'tg' };
    const report = driftReport({ resource_drift: [drift(TARGET_GROUP, before, after)] }, ALWAYS_OWNED);
    expect(report.drifted).toEqual([
      {
        address: TARGET_GROUP,
        type: 'aws_lb_target_group',
        actions: ['update'],
        changes: [{ path: 'health_check[0].path', before: '/health', after: '/changed' }],
      },
    ]);
    expect(driftExitCode(report)).toBe(2);
  });

  test('GIVEN a resource deleted outside Terraform THEN it is reported as deleted', () => {
    const report = driftReport({ resource_drift: [drift(TARGET_GROUP, { name: 'tg' }, null)] }, ALWAYS_OWNED);
    expect(report.drifted).toEqual([{ address: TARGET_GROUP, type: 'aws_lb_target_group', actions: ['delete'], changes: [] }]);
    expect(renderDriftReport('delivery-dev', report)).toContain(`\`${TARGET_GROUP}\`: deleted`);
  });

  test('GIVEN the scaler changed desired_count THEN it is listed as owned by the scaler, not drift (exit 0)', () => {
    const ownership = ownershipFromConfig({
      resource: { aws_ecs_service: { service_service_1: { lifecycle: { ignore_changes: ['desired_count'] } } } },
    });
    const report = driftReport({ resource_drift: [drift(SERVICE, { desired_count: 3 }, { desired_count: 5 })] }, ownership);
    expect(report.drifted).toEqual([]);
    expect(report.ownedElsewhere).toEqual([
      { address: SERVICE, path: 'desired_count', before: 3, after: 5, owner: expect.stringContaining('Application Auto Scaling') },
    ]);
    expect(driftExitCode(report)).toBe(0);
  });

  test('GIVEN a deployment changed the task definition THEN it is owned by ECS deployments, not drift', () => {
    const report = driftReport(
      { resource_drift: [drift(SERVICE, { task_definition: 'arn:td:2' }, { task_definition: 'arn:td:1' })] },
      ALWAYS_OWNED,
    );
    expect(report.drifted).toEqual([]);
    expect(report.ownedElsewhere[0]).toMatchObject({ path: 'task_definition', owner: expect.stringContaining('circuit breaker') });
  });

  test('GIVEN an owned and an unowned change on one resource THEN only the unowned one is drift', () => {
    const ownership = ownershipFromConfig({
      resource: { aws_ecs_service: { service_service_1: { lifecycle: { ignore_changes: ['desired_count'] } } } },
    });
    const report = driftReport(
      {
        resource_drift: [drift(SERVICE, { desired_count: 3, platform_version: 'LATEST' }, { desired_count: 4, platform_version: '1.3.0' })],
      },
      ownership,
    );
    expect(report.drifted[0]!.changes).toEqual([{ path: 'platform_version', before: 'LATEST', after: '1.3.0' }]);
    expect(report.ownedElsewhere.map((o) => o.path)).toEqual(['desired_count']);
  });

  test('GIVEN a sensitive attribute changed THEN its values are never printed', () => {
    const change = drift(
      'aws_secretsmanager_secret_version.v',
      { secret_string: 'old-secret' },
      { secret_string: 'new-secret' },
      {
        before_sensitive: { secret_string: true },
        after_sensitive: { secret_string: true },
      },
    );
    const report = driftReport({ resource_drift: [change] }, []);
    expect(report.drifted[0]!.changes).toEqual([{ path: 'secret_string', before: REDACTED, after: REDACTED }]);
    expect(JSON.stringify(report) + renderDriftReport('s', report)).not.toMatch(/old-secret|new-secret/);
  });

  test('GIVEN a postcondition failing against the live estate (a rolled-back release) THEN it is reported with its message (exit 2)', () => {
    const checks: PlanJson['checks'] = [
      {
        address: { kind: 'resource', to_display: SERVICE },
        status: 'fail',
        instances: [{ status: 'fail', problems: [{ message: 'Release not running: runs td:1, not td:2' }] }],
      },
      { address: { kind: 'resource', to_display: TARGET_GROUP }, status: 'pass' },
      { address: { kind: 'check', to_display: 'check.other' }, status: 'unknown' },
    ];
    const report = driftReport({ resource_drift: [], checks }, ALWAYS_OWNED);
    expect(report.failedChecks).toEqual([{ address: SERVICE, messages: ['Release not running: runs td:1, not td:2'] }]);
    expect(driftExitCode(report)).toBe(2);
    expect(renderDriftReport('delivery-dev', report)).toContain('Release not running: runs td:1, not td:2');
  });

  test('GIVEN null read back as an empty map (or list, or string) THEN it is no change', () => {
    const report = driftReport(
      { resource_drift: [drift('aws_ecs_task_definition.td', { tags: null, volume: [] }, { tags: {}, volume: null })] },
      [],
    );
    expect(report.drifted).toEqual([]);
  });

  test('GIVEN null read back as zero or false THEN it is no change (the provider does not tell them apart)', () => {
    const report = driftReport(
      {
        resource_drift: [
          drift(
            'aws_cloudwatch_metric_alarm.a',
            { metric_query: [{ period: null, return_data: null }] },
            { metric_query: [{ period: 0, return_data: false }] },
          ),
        ],
      },
      [],
    );
    expect(report.drifted).toEqual([]);
  });
});

const SCHEMAS: ProviderSchemas = {
  provider_schemas: {
    aws: {
      resource_schemas: {
        aws_db_instance: {
          block: { attributes: { latest_restorable_time: { computed: true }, engine_version: { optional: true, computed: true } } },
        },
        aws_security_group: { block: { attributes: { ingress: { optional: true, computed: true }, description: { optional: true } } } },
        aws_iam_role: {
          block: { attributes: { name: { optional: true, computed: true } }, block_types: { inline_policy: { block: {} } } },
        },
        aws_lb_target_group: {
          block: {
            block_types: {
              health_check: {
                block: { attributes: { path: { optional: true, computed: true }, matcher: { optional: true, computed: true } } },
              },
            },
          },
        },
      },
    },
  },
};
const CONFIG = {
  resource: {
    aws_db_instance: { db: { engine_version: '16.4' } },
    aws_security_group: { tasks: { description: 'tasks' } },
    aws_iam_role: { task: { name: 'fintech-api-task' } },
    aws_lb_target_group: { tg: { health_check: { path: '/health' } } },
  },
};

describe('unmanagedAttributes: what a plan would not undo is not drift', () => {
  const unmanaged = unmanagedAttributes(SCHEMAS, CONFIG);

  test('a read-only attribute AWS computes is not managed', () => {
    expect(unmanaged('aws_db_instance.db', 'aws_db_instance', 'latest_restorable_time')).toBe(true);
  });

  test('a computed attribute the configuration sets is managed: its change is drift', () => {
    expect(unmanaged('aws_db_instance.db', 'aws_db_instance', 'engine_version')).toBe(false);
    expect(unmanaged('aws_lb_target_group.tg', 'aws_lb_target_group', 'health_check[0].path')).toBe(false);
  });

  test("a computed attribute the configuration leaves unset is not managed (a group's inline rules, a default matcher)", () => {
    expect(unmanaged('aws_security_group.tasks', 'aws_security_group', 'ingress')).toBe(true);
    expect(unmanaged('aws_lb_target_group.tg', 'aws_lb_target_group', 'health_check[0].matcher')).toBe(true);
  });

  test("a block the configuration leaves out is not managed (a role's inline policies, owned by aws_iam_role_policy)", () => {
    expect(unmanaged('aws_iam_role.task', 'aws_iam_role', 'inline_policy')).toBe(true);
  });

  test('an optional attribute that is not computed is managed even when unset (a plan would set it back)', () => {
    expect(unmanaged('aws_security_group.tasks', 'aws_security_group', 'description')).toBe(false);
    expect(unmanaged('aws_unknown.x', 'aws_unknown', 'anything')).toBe(false);
  });

  test('in a report, unmanaged changes are counted and not listed', () => {
    const change = drift(
      'aws_db_instance.db',
      { latest_restorable_time: 't1', engine_version: '16.4' },
      { latest_restorable_time: 't2', engine_version: '16.6' },
    );
    const report = driftReport({ resource_drift: [change] }, [], unmanaged);
    expect(report.unmanagedChanges).toBe(1);
    expect(report.drifted[0]!.changes).toEqual([{ path: 'engine_version', before: '16.4', after: '16.6' }]);
  });
});

describe('ownershipFromConfig on the synthesized stacks', () => {
  test('production: the scaler owns desired_count, operators own the origin secret value, deployments own the task definition', () => {
    const owned = ownershipFromConfig(JSON.parse(synthDelivery('production')) as Parameters<typeof ownershipFromConfig>[0]);
    expect(owned.map((o) => `${o.resource.split('.')[0]}.${o.attribute}`).sort()).toEqual([
      'aws_ecs_service.desired_count',
      'aws_ecs_service.task_definition',
      'aws_secretsmanager_secret_version.secret_string',
    ]);
  });

  test('GIVEN an explanation for an ignored attribute THEN it names the owner', () => {
    const owned = ownershipFromConfig(
      { resource: { aws_db_parameter_group: { pg: { lifecycle: { ignore_changes: ['parameter'] } } } } },
      (type) => (type === 'aws_db_parameter_group' ? 'the emulator reads it back differently' : undefined),
    );
    expect(owned[0]).toEqual({
      resource: 'aws_db_parameter_group.pg',
      attribute: 'parameter',
      owner: 'the emulator reads it back differently',
    });
  });
});
