import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { synthService } from '../../../helpers/fargate-service';
import { referenceTo } from '../../../helpers/constructs';
import { KMS_KEY_ARN } from '../../../helpers/seed';
import { onlyResource, resourcesOf } from '../../../helpers/synth';

const KEY = KMS_KEY_ARN;

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
