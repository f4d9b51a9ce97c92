import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Testing } from 'cdktf';
import {
  DEFAULT_GATEWAY_SERVICES,
  DEFAULT_INTERFACE_SERVICES,
  VpcEndpoints,
  type VpcEndpointsProps,
} from '../../../../constructs/network/vpc-endpoints';
import { resourcesOf } from '../../../helpers/synth';

const BASE: VpcEndpointsProps = {
  region: 'us-east-1',
  vpcId: 'vpc-05ae083309505dd2d',
  subnetIds: ['subnet-01808abced051ff76', 'subnet-08f5e862854552155'],
  routeTableIds: ['rtb-0123456789abcdef0'],
  securityGroupId: 'sg-0endpoints',
  namePrefix: 'fintech-production',
};

function synthEndpoints(overrides: Partial<VpcEndpointsProps> = {}): string {
  return Testing.synthScope((scope) => {
    new VpcEndpoints(scope, 'endpoints', { ...BASE, ...overrides });
  });
}

function endpointsOfType(synth: string, type: 'Interface' | 'Gateway'): Record<string, unknown>[] {
  return Object.values(resourcesOf(synth, 'aws_vpc_endpoint')).filter((e) => e.vpc_endpoint_type === type);
}

describe('VpcEndpoints', () => {
  describe('with the default services', () => {
    let synth: string;
    beforeAll(() => {
      synth = synthEndpoints();
    });

    test('creates interface endpoints for exactly ecr.api, ecr.dkr, logs, secretsmanager and kms', () => {
      const names = endpointsOfType(synth, 'Interface').map((e) => e.service_name);
      expect(names.sort()).toEqual(
        [
          'com.amazonaws.us-east-1.ecr.api',
          'com.amazonaws.us-east-1.ecr.dkr',
          'com.amazonaws.us-east-1.kms',
          'com.amazonaws.us-east-1.logs',
          'com.amazonaws.us-east-1.secretsmanager',
        ].sort(),
      );
    });

    test('creates gateway endpoints for exactly s3 and dynamodb', () => {
      const names = endpointsOfType(synth, 'Gateway').map((e) => e.service_name);
      expect(names.sort()).toEqual(['com.amazonaws.us-east-1.dynamodb', 'com.amazonaws.us-east-1.s3']);
    });

    test('creates no endpoint besides the seven defaults', () => {
      expect(Object.keys(resourcesOf(synth, 'aws_vpc_endpoint'))).toHaveLength(
        DEFAULT_INTERFACE_SERVICES.length + DEFAULT_GATEWAY_SERVICES.length,
      );
    });

    test('puts every interface endpoint in the task subnets, with private DNS and only the endpoints security group', () => {
      for (const endpoint of endpointsOfType(synth, 'Interface')) {
        expect(endpoint).toEqual(
          expect.objectContaining({
            vpc_id: BASE.vpcId,
            private_dns_enabled: true,
            subnet_ids: [...BASE.subnetIds],
            security_group_ids: [BASE.securityGroupId],
          }),
        );
      }
    });

    test('attaches every gateway endpoint to the task route tables, without subnets or security groups', () => {
      for (const endpoint of endpointsOfType(synth, 'Gateway')) {
        expect(endpoint).toEqual(expect.objectContaining({ vpc_id: BASE.vpcId, route_table_ids: [...BASE.routeTableIds] }));
        expect(endpoint.subnet_ids).toBeUndefined();
        expect(endpoint.security_group_ids).toBeUndefined();
      }
    });

    test('names each endpoint <prefix>-<service>', () => {
      expect(synth).toHaveResourceWithProperties(VpcEndpoint, {
        service_name: 'com.amazonaws.us-east-1.ecr.dkr',
        tags: expect.objectContaining({ Name: 'fintech-production-ecr.dkr' }),
      });
      expect(synth).toHaveResourceWithProperties(VpcEndpoint, {
        service_name: 'com.amazonaws.us-east-1.s3',
        tags: expect.objectContaining({ Name: 'fintech-production-s3' }),
      });
    });
  });

  test('builds service names from the region', () => {
    const synth = synthEndpoints({ region: 'eu-west-1' });
    expect(synth).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: 'com.amazonaws.eu-west-1.secretsmanager',
      vpc_endpoint_type: 'Interface',
    });
    expect(synth).not.toHaveResourceWithProperties(VpcEndpoint, {
      service_name: 'com.amazonaws.us-east-1.secretsmanager',
    });
  });

  test('interfaceServices replaces the default interface endpoints', () => {
    const synth = synthEndpoints({ interfaceServices: ['ecr.api', 'sts'] });
    const names = endpointsOfType(synth, 'Interface').map((e) => e.service_name);
    expect(names.sort()).toEqual(['com.amazonaws.us-east-1.ecr.api', 'com.amazonaws.us-east-1.sts']);
  });

  test('gatewayServices replaces the default gateway endpoints', () => {
    const synth = synthEndpoints({ gatewayServices: ['s3'] });
    const names = endpointsOfType(synth, 'Gateway').map((e) => e.service_name);
    expect(names).toEqual(['com.amazonaws.us-east-1.s3']);
  });

  test('exposes the endpoints keyed by service name', () => {
    let endpoints!: VpcEndpoints;
    Testing.synthScope((scope) => {
      endpoints = new VpcEndpoints(scope, 'endpoints', BASE);
    });
    expect(Object.keys(endpoints.interfaceEndpoints).sort()).toEqual([...DEFAULT_INTERFACE_SERVICES].sort());
    expect(Object.keys(endpoints.gatewayEndpoints).sort()).toEqual([...DEFAULT_GATEWAY_SERVICES].sort());
  });

  test('rejects a service listed as both an interface and a gateway endpoint, naming it', () => {
    expect(() => synthEndpoints({ interfaceServices: ['s3', 'logs'] })).toThrow(/service "s3" is listed twice/);
  });

  test('rejects a service listed twice in the same list, naming it', () => {
    expect(() => synthEndpoints({ interfaceServices: ['logs', 'kms', 'logs'] })).toThrow(/service "logs" is listed twice/);
  });

  test('rejects an empty subnet list', () => {
    expect(() => synthEndpoints({ subnetIds: [] })).toThrow(/subnetIds must not be empty/);
  });
});
