import { dataStoreAccess } from '../../../../constructs/data/data-store-access';

describe('dataStoreAccess', () => {
  test('GIVEN a referenced data tier THEN its Redis port and PostgreSQL are opened to the VPC, and no group is created', () => {
    expect(dataStoreAccess({ mode: 'existing', redisPort: 6380 })).toEqual({ groups: {}, vpcPorts: [6380, 5432] });
  });

  test('GIVEN a referenced data tier with a database port THEN that port is opened instead of 5432', () => {
    expect(dataStoreAccess({ mode: 'existing', redisPort: 6379, databasePort: 5433 }).vpcPorts).toEqual([6379, 5433]);
  });

  test('GIVEN a created data tier THEN each store gets its own group, admitting only its port', () => {
    expect(dataStoreAccess({ mode: 'create', redis: 'created' })).toEqual({ groups: { redis: 6379, postgres: 5432 }, vpcPorts: [] });
  });

  test('GIVEN a created data tier with Redis elsewhere THEN the database gets a group and the Redis port is opened to the VPC', () => {
    expect(dataStoreAccess({ mode: 'create', redis: { externalPort: 6379 } })).toEqual({
      groups: { postgres: 5432 },
      vpcPorts: [6379],
    });
  });
});
