import { parseEnvironment } from '../../../../config/load';
import { expectRejected, productionJson, set } from '../../../helpers/config';

describe('environment schema: rules across sections', () => {
  test('a secret in another region is rejected: ECS injects secrets from its own region only', () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:296674251987:secret:fintech/api-keys';
    expectRejected(
      set(productionJson(), 'dataServices.apiKeySecretArn', arn),
      'dataServices.apiKeySecretArn',
      /this environment's region and account/,
    );
  });

  test('a region other than us-east-1 is rejected: the edge resources must live there', () => {
    expectRejected(set(productionJson(), 'region', 'eu-west-1'), 'region', /must be us-east-1/, '"eu-west-1"');
  });

  test('an ALB certificate from another region is rejected', () => {
    const arn = 'arn:aws:acm:us-west-2:296674251987:certificate/0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f';
    expectRejected(
      set(productionJson(), 'loadBalancer.certificateArn', arn),
      'loadBalancer.certificateArn',
      /must be in the environment's region \(us-east-1\)/,
    );
  });

  test('an ALB certificate without the origin domain name is rejected', () => {
    const arn = 'arn:aws:acm:us-east-1:296674251987:certificate/0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f';
    expectRejected(
      set(productionJson(), 'loadBalancer.certificateArn', arn),
      'edge.originDomainName',
      /is required with loadBalancer\.certificateArn/,
    );
  });

  test('Spot tasks in a production-like environment are rejected', () => {
    expectRejected(
      set(productionJson(), 'service.fargateSpotWeight', 1),
      'service.fargateSpotWeight',
      /must be 0 in a production-like environment/,
    );
  });

  test('ECS Exec in a production-like environment is rejected', () => {
    expectRejected(set(productionJson(), 'service.ecsExec', true), 'service.ecsExec', /must be false in a production-like environment/);
  });

  test('a production-like environment without ALB deletion protection is rejected', () => {
    expectRejected(
      set(productionJson(), 'loadBalancer.deletionProtection', false),
      'loadBalancer.deletionProtection',
      /must be true in a production-like environment/,
    );
  });

  test('"latest" is rejected as the image tag of an immutable repository', () => {
    expectRejected(set(productionJson(), 'service.imageTag', 'latest'), 'service.imageTag', /cannot be "latest" with immutable tags/);
  });

  test('"latest" is accepted when the repository is mutable', () => {
    const data = set(set(productionJson(), 'service.imageTag', 'latest'), 'registry.imageTagMutability', 'MUTABLE');
    expect(() => parseEnvironment(data, 'production.json')).not.toThrow();
  });
});
