import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Testing } from 'cdktf';
import { logWriteGrants, ServiceLogGroup, type ServiceLogGroupProps } from '../../../../constructs/service/service-log-group';
import { onlyResource } from '../../../helpers/synth';

describe('ServiceLogGroup', () => {
  function synthLogGroup(props: ServiceLogGroupProps): string {
    return Testing.synthScope((scope) => {
      new ServiceLogGroup(scope, 'logs', props);
    });
  }

  test('creates the log group with the given name and retention', () => {
    expect(synthLogGroup({ name: '/ecs/fintech-api', retentionDays: 90 })).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/ecs/fintech-api',
      retention_in_days: 90,
    });
  });

  test('uses CloudWatch Logs encryption (no KMS key) by default', () => {
    const synth = synthLogGroup({ name: '/ecs/fintech-api', retentionDays: 90 });
    expect(onlyResource(synth, 'aws_cloudwatch_log_group').kms_key_id).toBeUndefined();
  });

  test('kmsKeyArn encrypts the log events with the customer-managed key', () => {
    const key = 'arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(synthLogGroup({ name: '/ecs/fintech-api-dev', retentionDays: 30, kmsKeyArn: key })).toHaveResourceWithProperties(
      CloudwatchLogGroup,
      { kms_key_id: key },
    );
  });
});

describe('logWriteGrants', () => {
  test('lets the execution role write log events only to streams of the log group', () => {
    const arn = 'arn:aws:logs:us-east-1:296674251987:log-group:/ecs/fintech-api';
    expect(logWriteGrants(arn)).toEqual({
      executionRole: [
        {
          sid: 'WriteContainerLogs',
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`${arn}:log-stream:*`],
        },
      ],
    });
  });
});
