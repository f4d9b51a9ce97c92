import { secretChangeEventPattern } from '../../../constructs/service/secret-change-events';
import { environment, onlyResource, parseJsonAttribute, resourcesOf, synthDelivery } from '../../helpers/synth';

const PRODUCTION_SECRETS = [
  'arn:aws:secretsmanager:us-east-1:296674251987:secret:fintech/db-credentials',
  'arn:aws:secretsmanager:us-east-1:296674251987:secret:fintech/api-keys',
];
const RESTART_TYPES = ['aws_cloudwatch_event_rule', 'aws_cloudwatch_event_target', 'aws_sfn_state_machine'];

describe('rolling restarts on secret changes, per environment', () => {
  test('production watches exactly its two injected secrets (database credentials and API key), by default', () => {
    const rule = onlyResource(synthDelivery('production'), 'aws_cloudwatch_event_rule');
    expect(parseJsonAttribute(rule.event_pattern)).toEqual(secretChangeEventPattern(PRODUCTION_SECRETS));
  });

  test('the origin-verify secret restarts nothing: the tasks never read it (the ALB and CloudFront get it at apply)', () => {
    expect(String(onlyResource(synthDelivery('production'), 'aws_cloudwatch_event_rule').event_pattern)).not.toContain('origin-verify');
  });

  test('dev watches the database secret RDS manages and the API key secret it creates, by ARN and by name', () => {
    const synth = synthDelivery('dev');
    const pattern = String(onlyResource(synth, 'aws_cloudwatch_event_rule').event_pattern);
    const dbSecret = 'element(aws_db_instance.data_db_0EABCE7B.master_user_secret, 0).secret_arn';
    const apiKey = `aws_secretsmanager_secret.${Object.keys(resourcesOf(synth, 'aws_secretsmanager_secret')).find((n) => n.includes('api-key'))!}.arn`;
    expect(pattern).toContain(dbSecret);
    expect(pattern).toContain(apiKey);
    expect(pattern).toContain(`replace(${apiKey}, "/^arn:[^:]+:secretsmanager:[^:]+:[0-9]{12}:secret:(.+)-[A-Za-z0-9]{6}$/", "$1")`);
  });

  test('GIVEN restartOnSecretChange: false THEN there is no rule, target, state machine or role for it', () => {
    const env = environment('production');
    const synth = synthDelivery({ ...env, service: { ...env.service, restartOnSecretChange: false } });
    for (const type of RESTART_TYPES) expect(resourcesOf(synth, type)).toEqual({});
    expect(Object.values(resourcesOf(synth, 'aws_iam_role')).map((r) => r.name)).not.toContainEqual(
      expect.stringMatching(/secret-restart/),
    );
  });

  test('it deploys on the emulator as on AWS (same resources; gap sfn-unimplemented-calls is handled by the harness)', () => {
    const aws = synthDelivery('dev');
    const emulator = synthDelivery('dev', 'emulator');
    for (const type of RESTART_TYPES) expect(resourcesOf(emulator, type)).toEqual(resourcesOf(aws, type));
  });
});
