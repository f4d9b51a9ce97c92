import { parseEnvironment } from '../../../../config/load';
import { devJson, expectRejected, productionJson, set } from '../../../helpers/config';

describe('environment schema: existing', () => {
  test('production declares the running estate of the architecture', () => {
    const env = parseEnvironment(productionJson(), 'production.json', 'production');
    expect(env.existing).toEqual({
      ecsCluster: true,
      ecsService: true,
      loadBalancer: true,
      listenerPorts: [80],
      targetGroup: true,
      ecrRepository: true,
      logGroup: true,
      vpcEndpoints: { 'ecr.api': 'adopt', 'ecr.dkr': 'adopt' },
      distribution: { domainName: 'd17sqls800e6wq.cloudfront.net' },
      securityGroups: { loadBalancer: 'sg-08990648c310029a9', tasks: 'sg-00f1816433ac5e19b' },
    });
  });

  test('a greenfield environment declares nothing and adopts nothing (the defaults)', () => {
    const env = parseEnvironment(devJson(), 'dev.json', 'dev');
    expect(env.existing).toEqual({
      ecsCluster: false,
      ecsService: false,
      loadBalancer: false,
      listenerPorts: [],
      targetGroup: false,
      ecrRepository: false,
      logGroup: false,
      vpcEndpoints: {},
      securityGroups: {},
    });
  });

  test('an existing service without its existing cluster is rejected', () => {
    expectRejected(set(productionJson(), 'existing.ecsCluster', false), 'existing.ecsCluster', /must be true when existing\.ecsService is/);
  });

  test('an existing listener without its existing ALB is rejected', () => {
    expectRejected(set(productionJson(), 'existing.loadBalancer', false), 'existing.loadBalancer', /a listener belongs to that ALB/);
  });

  test('a listener port the stack does not define is rejected', () => {
    expectRejected(
      set(productionJson(), 'existing.listenerPorts', [80, 8443]),
      'existing.listenerPorts[1]',
      /not a listener this stack defines \(80\)/,
      '8443',
    );
  });

  test('a listener port listed twice is rejected', () => {
    expectRejected(set(productionJson(), 'existing.listenerPorts', [80, 80]), 'existing.listenerPorts[1]', /listed twice/);
  });

  test('an endpoint service the stack does not know is rejected, with the allowed ones', () => {
    expectRejected(set(productionJson(), 'existing.vpcEndpoints', { sqs: 'keep' }), 'existing.vpcEndpoints.sqs', /.+/);
  });

  test('an endpoint mode other than adopt or keep is rejected', () => {
    expectRejected(
      set(productionJson(), 'existing.vpcEndpoints', { s3: 'import' }),
      'existing.vpcEndpoints.s3',
      /allowed: "adopt", "keep"/,
    );
  });

  test('adopting the ssmmessages endpoint without ECS Exec is rejected (the stack creates none to adopt it into)', () => {
    expectRejected(
      set(productionJson(), 'existing.vpcEndpoints', { ssmmessages: 'adopt' }),
      'existing.vpcEndpoints.ssmmessages',
      /only be "adopt" with service\.ecsExec/,
    );
  });

  test('endpoints or groups declared in a VPC the stack creates are rejected', () => {
    expectRejected(set(devJson(), 'existing', { vpcEndpoints: { s3: 'keep' } }), 'existing', /network\.mode is "create"/);
  });

  test('the kept task group listed again in additionalTaskSecurityGroupIds is rejected', () => {
    const data = set(productionJson(), 'network.additionalTaskSecurityGroupIds', ['sg-00f1816433ac5e19b']);
    expectRejected(data, 'existing.securityGroups.tasks', /list it once/);
  });

  test('a distribution domain that is not a cloudfront.net name is rejected', () => {
    expectRejected(
      set(productionJson(), 'existing.distribution', { domainName: 'api.example.com' }),
      'existing.distribution.domainName',
      /CloudFront domain name/,
    );
  });

  test('a malformed security group ID is rejected', () => {
    expectRejected(
      set(productionJson(), 'existing.securityGroups', { loadBalancer: 'sg-0899' }),
      'existing.securityGroups.loadBalancer',
      /security group ID/,
    );
  });
});
