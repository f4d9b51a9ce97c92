import { Testing } from 'cdktf';
import { EdgeDistribution, type EdgeDistributionProps } from '../../../../constructs/edge/edge-distribution';
import { vpcOriginName, type VpcOriginSettings } from '../../../../constructs/edge/vpc-origin';
import { referenceTo } from '../../../helpers/constructs';
import { onlyResource, resourcesOf } from '../../../helpers/synth';

const BASE: EdgeDistributionProps = {
  namePrefix: 'fintech-production',
  loadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:296674251987:loadbalancer/app/fintech-alb/0123456789abcdef',
  loadBalancerDnsName: 'internal-fintech-alb-123456789.us-east-1.elb.amazonaws.com',
  tags: { Project: 'fintech-api', Environment: 'production' },
};
const HTTPS: Partial<EdgeDistributionProps> = { originUsesHttps: true, originDomainName: 'origin.internal.example.com' };
const SETTINGS: VpcOriginSettings = {
  httpPort: 80,
  httpsPort: 443,
  originProtocolPolicy: 'http-only',
  originSslProtocols: ['TLSv1.2'],
  tags: { Project: 'fintech-api' },
};

function synthEdge(overrides: Partial<EdgeDistributionProps> = {}): string {
  return Testing.synthScope((scope) => {
    new EdgeDistribution(scope, 'edge', { ...BASE, ...overrides });
  });
}

const endpoint = (synth: string) =>
  (onlyResource(synth, 'aws_cloudfront_vpc_origin').vpc_origin_endpoint_config as Record<string, unknown>[])[0]!;

describe('the VPC origin is replaced, never updated (CloudFront answers 409 to an update of an origin in use)', () => {
  let synth: string;
  beforeAll(() => {
    synth = synthEdge();
  });

  test('it is created before the old one is destroyed', () => {
    expect(onlyResource(synth, 'aws_cloudfront_vpc_origin').lifecycle).toEqual(expect.objectContaining({ create_before_destroy: true }));
  });

  test('a change of the settings record replaces it', () => {
    expect(onlyResource(synth, 'aws_cloudfront_vpc_origin').lifecycle).toEqual(
      expect.objectContaining({
        // a bare address: Terraform's JSON syntax rejects "${...}" in replace_triggered_by
        replace_triggered_by: [`terraform_data.${Object.keys(resourcesOf(synth, 'terraform_data'))[0]!}`],
      }),
    );
  });

  test('the settings record holds every setting of the origin, its tags and its name', () => {
    expect(onlyResource(synth, 'terraform_data').triggers_replace).toEqual({
      name: endpoint(synth).name,
      http_port: 80,
      https_port: 443,
      origin_protocol_policy: 'http-only',
      origin_ssl_protocols: ['TLSv1.2'],
      tags: { Project: 'fintech-api', Environment: 'production' },
    });
  });

  test('the distribution reaches the ALB through the origin by its ID, so a new origin is an in-place update of the distribution', () => {
    const origin = (onlyResource(synth, 'aws_cloudfront_distribution').origin as { vpc_origin_config: { vpc_origin_id: string } }[])[0]!;
    expect(origin.vpc_origin_config.vpc_origin_id).toBe(referenceTo(synth, 'aws_cloudfront_vpc_origin', () => true));
  });

  test('GIVEN the switch to HTTPS WHEN synthesized THEN the settings record and the name change, so the origin is replaced', () => {
    const https = synthEdge(HTTPS);
    expect(endpoint(https).origin_protocol_policy).toBe('https-only');
    expect(endpoint(https).name).not.toBe(endpoint(synth).name);
    expect(onlyResource(https, 'terraform_data').triggers_replace).not.toEqual(onlyResource(synth, 'terraform_data').triggers_replace);
  });

  test('GIVEN a tag change WHEN synthesized THEN the origin gets a new name and is replaced too (a tag update is refused as well)', () => {
    const retagged = synthEdge({ tags: { ...BASE.tags, CostCentre: 'payments' } });
    expect(endpoint(retagged).name).not.toBe(endpoint(synth).name);
  });

  test('GIVEN the same settings WHEN synthesized again THEN nothing changes (no replacement on every plan)', () => {
    expect(synthEdge()).toBe(synth);
  });
});

describe('vpcOriginName', () => {
  test('is the prefix and 8 hex digits of the settings hash', () => {
    expect(vpcOriginName('fintech-production-alb', SETTINGS)).toMatch(/^fintech-production-alb-[0-9a-f]{8}$/);
  });

  test('does not depend on the order of tags or TLS protocols', () => {
    const reordered = { ...SETTINGS, tags: { Environment: 'production', Project: 'fintech-api' } };
    const same = { ...SETTINGS, tags: { Project: 'fintech-api', Environment: 'production' } };
    expect(vpcOriginName('p', reordered)).toBe(vpcOriginName('p', same));
  });

  test.each([
    ['the HTTP port', { httpPort: 8080 }],
    ['the protocol policy', { originProtocolPolicy: 'https-only' as const }],
    ['the TLS protocols', { originSslProtocols: ['TLSv1.2', 'TLSv1.3'] }],
  ])('changes with %s', (_what, change) => {
    expect(vpcOriginName('p', { ...SETTINGS, ...change })).not.toBe(vpcOriginName('p', SETTINGS));
  });
});
