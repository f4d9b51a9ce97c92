import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { Testing } from 'cdktf';
import { addDatabase, type DatabaseOptions } from '../../../../constructs/data/database';
import { onlyResource } from '../../../helpers/synth';

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
