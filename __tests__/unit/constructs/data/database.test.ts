import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { Testing } from 'cdktf';
import { addDatabase, type DatabaseOptions } from '../../../../constructs/data/database';
import { onlyResource, resourcesOf } from '../../../helpers/synth';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/d9c8447f-91df-4df9-a012-6a5b6eab3cd0';

const OPTIONS: DatabaseOptions = {
  namePrefix: 'fintech-dev',
  settings: {
    instanceClass: 'db.t4g.micro',
    engineVersion: '16',
    databaseName: 'fintech',
    masterUsername: 'fintech_admin',
    allocatedStorageGb: 20,
    maxAllocatedStorageGb: 100,
    multiAz: false,
    backupRetentionDays: 7,
    backupWindow: '02:00-03:00',
    maintenanceWindow: 'sun:04:00-sun:05:00',
    performanceInsightsRetentionDays: 7,
  },
  subnetIds: ['subnet-a', 'subnet-b'],
  securityGroupId: 'sg-0postgres',
  kmsKeyArn: KEY,
  deletionProtection: false,
  performanceInsights: false,
  logRetentionDays: 30,
};

function synthDatabase(overrides: Partial<DatabaseOptions> = {}, settings: Partial<DatabaseOptions['settings']> = {}): string {
  return Testing.synthScope((scope) => {
    addDatabase(scope, { ...OPTIONS, ...overrides, settings: { ...OPTIONS.settings, ...settings } });
  });
}

describe('addDatabase: engine version', () => {
  test('gives RDS the major version only, with automatic minor upgrades, so an upgrade never shows as drift', () => {
    expect(synthDatabase()).toHaveResourceWithProperties(DbInstance, { engine_version: '16', auto_minor_version_upgrade: true });
  });

  test('the parameter group family is the major version', () => {
    expect(onlyResource(synthDatabase({}, { engineVersion: '17' }), 'aws_db_parameter_group').family).toBe('postgres17');
  });

  test('rejects a version with a minor, naming the major to give', () => {
    expect(() => synthDatabase({}, { engineVersion: '16.4' })).toThrow(
      'addDatabase: engineVersion "16.4" pins a minor version; give the major only (e.g. "16")',
    );
  });
});

describe('addDatabase: exported logs', () => {
  test.each(['postgresql', 'upgrade'])('the %s log group RDS writes to is created with the key and the retention', (type) => {
    expect(synthDatabase()).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: `/aws/rds/instance/fintech-dev-db/${type}`,
      kms_key_id: KEY,
      retention_in_days: 30,
    });
  });

  test('the instance exports exactly those logs and waits for both groups, so RDS never creates them', () => {
    const synth = synthDatabase();
    const groups = Object.keys(resourcesOf(synth, 'aws_cloudwatch_log_group')).map((name) => `aws_cloudwatch_log_group.${name}`);
    const db = onlyResource(synth, 'aws_db_instance');
    expect(db.enabled_cloudwatch_logs_exports).toEqual(['postgresql', 'upgrade']);
    expect([...(db.depends_on as string[])].sort()).toEqual(groups.sort());
    expect(groups).toHaveLength(2);
  });

  test('the retention defaults to 90 days', () => {
    const synth = synthDatabase({ logRetentionDays: undefined });
    for (const group of Object.values(resourcesOf(synth, 'aws_cloudwatch_log_group'))) expect(group.retention_in_days).toBe(90);
  });
});
