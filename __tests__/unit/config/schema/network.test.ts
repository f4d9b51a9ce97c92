import { parseEnvironment } from '../../../../config/load';
import { devJson, expectRejected, productionJson, set } from '../../../helpers/config';

describe('environment schema: network', () => {
  test('a subnet listed twice is rejected', () => {
    const data = set(productionJson(), 'network.taskSubnetIds', ['subnet-01808abced051ff76', 'subnet-01808abced051ff76']);
    expectRejected(data, 'network.taskSubnetIds[1]', /listed twice/);
  });

  test('fewer than two task subnets are rejected (two AZs)', () => {
    expectRejected(
      set(productionJson(), 'network.taskSubnetIds', ['subnet-01808abced051ff76']),
      'network.taskSubnetIds',
      /must list at least 2 items/,
    );
  });

  test('a VPC CIDR larger than /16 is rejected', () => {
    const data = set(devJson(), 'network.cidrBlock', '10.0.0.0/8');
    expect(() => parseEnvironment(data, 'dev.json')).toThrow(/network\.cidrBlock: got "10\.0\.0\.0\/8"; must be an IPv4 CIDR block/);
  });

  test('one availability zone is rejected', () => {
    expect(() => parseEnvironment(set(devJson(), 'network.availabilityZoneCount', 1), 'dev.json')).toThrow(
      /network\.availabilityZoneCount: got 1/,
    );
  });
});
