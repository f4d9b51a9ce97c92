import { parseEnvironment } from '../../../../config/load';
import { devJson, set } from '../../../helpers/config';

describe('environment schema: dataServices', () => {
  test('a Redis node type outside the allowed list is rejected', () => {
    expect(() => parseEnvironment(set(devJson(), 'dataServices.redis.nodeType', 'cache.t2.micro'), 'dev.json')).toThrow(
      /dataServices\.redis\.nodeType: got "cache\.t2\.micro"; allowed: "cache\.t4g\.micro", "cache\.t4g\.small"/,
    );
  });

  test('a PostgreSQL version outside the allowed list is rejected', () => {
    expect(() => parseEnvironment(set(devJson(), 'dataServices.database.engineVersion', '11.1'), 'dev.json')).toThrow(
      /dataServices\.database\.engineVersion: got "11\.1"/,
    );
  });

  test('a PostgreSQL version with a minor is rejected: RDS upgrades minors itself', () => {
    expect(() => parseEnvironment(set(devJson(), 'dataServices.database.engineVersion', '16.4'), 'dev.json')).toThrow(
      /dataServices\.database\.engineVersion: got "16\.4"; allowed: "15", "16", "17"/,
    );
  });

  test('the PostgreSQL version defaults to the major 16', () => {
    const env = parseEnvironment(devJson(), 'dev.json');
    expect(env.dataServices.mode === 'create' && env.dataServices.database.engineVersion).toBe('16');
  });

  test('backup retention under 7 days is rejected', () => {
    expect(() => parseEnvironment(set(devJson(), 'dataServices.database.backupRetentionDays', 3), 'dev.json')).toThrow(
      /dataServices\.database\.backupRetentionDays: got 3/,
    );
  });

  test('a malformed backup window is rejected', () => {
    expect(() => parseEnvironment(set(devJson(), 'dataServices.database.backupWindow', '2am-3am'), 'dev.json')).toThrow(
      /dataServices\.database\.backupWindow: got "2am-3am"; a UTC window hh:mm-hh:mm/,
    );
  });

  test('a malformed maintenance window is rejected', () => {
    expect(() => parseEnvironment(set(devJson(), 'dataServices.redis.maintenanceWindow', 'sunday 5am'), 'dev.json')).toThrow(
      /dataServices\.redis\.maintenanceWindow: got "sunday 5am"; a weekly UTC window/,
    );
  });

  test('a reserved database user name is rejected', () => {
    expect(() => parseEnvironment(set(devJson(), 'dataServices.database.masterUsername', 'postgres'), 'dev.json')).toThrow(
      /dataServices\.database\.masterUsername: got "postgres"; is reserved/,
    );
  });

  test('a storage ceiling below the allocated storage is rejected', () => {
    const data = set(set(devJson(), 'dataServices.database.allocatedStorageGb', 100), 'dataServices.database.maxAllocatedStorageGb', 50);
    expect(() => parseEnvironment(data, 'dev.json')).toThrow(/maxAllocatedStorageGb: got 50; must be at least allocatedStorageGb \(100\)/);
  });

  test('zero Redis replicas are rejected (no failover)', () => {
    expect(() => parseEnvironment(set(devJson(), 'dataServices.redis.replicas', 0), 'dev.json')).toThrow(
      /dataServices\.redis\.replicas: got 0/,
    );
  });

  test('an unknown data-tier mode is rejected with the allowed modes', () => {
    expect(() => parseEnvironment(set(devJson(), 'dataServices.mode', 'import'), 'dev.json')).toThrow(
      /dataServices\.mode: got "import"; allowed: "existing", "create"/,
    );
  });
});
