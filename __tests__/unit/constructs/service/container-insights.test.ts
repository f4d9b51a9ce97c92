import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Testing } from 'cdktf';
import { FargateService, type FargateServiceProps } from '../../../../constructs/service/fargate-service';
import { referenceTo } from '../../../helpers/constructs';
import { onlyResource, resourcesOf } from '../../../helpers/synth';

const KEY = 'arn:aws:kms:us-east-1:296674251987:key/d9c8447f-91df-4df9-a012-6a5b6eab3cd0';

const BASE: FargateServiceProps = {
  region: 'us-east-1',
  clusterName: 'fintech-cluster',
  serviceName: 'fintech-api-service',
  taskFamily: 'fintech-api',
  containerName: 'fintech-api',
  image: '296674251987.dkr.ecr.us-east-1.amazonaws.com/fintech-api:1.2.3',
  desiredCount: 3,
  cpu: 512,
  memory: 1024,
  containerPort: 8080,
  executionRoleArn: 'arn:aws:iam::296674251987:role/fintech-api-execution',
  taskRoleArn: 'arn:aws:iam::296674251987:role/fintech-api-task',
  subnetIds: ['subnet-01808abced051ff76', 'subnet-08f5e862854552155'],
  securityGroupIds: ['sg-0tasks'],
  targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:296674251987:targetgroup/fintech-api-tg/0123456789abcdef',
  logGroupName: '/ecs/fintech-api',
};

function synthService(overrides: Partial<FargateServiceProps> = {}): string {
  return Testing.synthScope((scope) => {
    new FargateService(scope, 'service', { ...BASE, ...overrides });
  });
}

describe('the Container Insights log group', () => {
  test('GIVEN insightsLogGroup WHEN synthesized THEN the group Container Insights writes to is created, encrypted and with a retention', () => {
    expect(synthService({ insightsLogGroup: { retentionDays: 90, kmsKeyArn: KEY } })).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/aws/ecs/containerinsights/fintech-cluster/performance',
      retention_in_days: 90,
      kms_key_id: KEY,
    });
  });

  test('GIVEN insightsLogGroup WHEN synthesized THEN the cluster waits for the group, so Container Insights never creates it first', () => {
    const synth = synthService({ insightsLogGroup: { retentionDays: 90, kmsKeyArn: KEY } });
    const group = referenceTo(synth, 'aws_cloudwatch_log_group', () => true).replace(/^\$\{(.*)\.id\}$/, '$1');
    expect(onlyResource(synth, 'aws_ecs_cluster').depends_on).toEqual([group]);
  });

  test('GIVEN no insightsLogGroup (the group exists already) WHEN synthesized THEN no group is created and the cluster waits for nothing', () => {
    const synth = synthService();
    expect(resourcesOf(synth, 'aws_cloudwatch_log_group')).toEqual({});
    expect(onlyResource(synth, 'aws_ecs_cluster').depends_on).toBeUndefined();
  });
});
