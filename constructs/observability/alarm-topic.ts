import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Token } from 'cdktf';
import type { Construct } from 'constructs';
import { addManagedKey, type ManagedKey } from '../shared/managed-key';
import type { PolicyStatement } from '../shared/policy';

export type AlarmSubscriptionProtocol = 'email' | 'https' | 'sqs' | 'lambda';

/** Where the alarm topic delivers notifications. */
export interface AlarmSubscription {
  readonly protocol: AlarmSubscriptionProtocol;
  /**
   * An email address, an `https://` URL, an SQS queue ARN or a Lambda function ARN. An email
   * subscription stays pending until its recipient confirms it; a queue or function must allow
   * `sns.amazonaws.com` to deliver to it (its own resource policy).
   */
  readonly endpoint: string;
}

/**
 * The key-policy statement that lets CloudWatch alarms named `<namePrefix>-*` publish to a topic
 * encrypted with the key. Add it to the policy of a key passed as `kmsKeyArn`.
 */
export function cloudWatchAlarmsKeyStatement(region: string, account: string, namePrefix: string): PolicyStatement {
  return {
    sid: 'CloudWatchAlarmsPublishToEncryptedTopic',
    effect: 'Allow',
    principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'], // in a key policy "*" means this key
    condition: [
      { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] },
      { test: 'ArnLike', variable: 'aws:SourceArn', values: [`arn:aws:cloudwatch:${region}:${account}:alarm:${namePrefix}-*`] },
    ],
  };
}

const ENDPOINT_CHECKS: Record<AlarmSubscriptionProtocol, { readonly test: (endpoint: string) => boolean; readonly expected: string }> = {
  email: { test: (e) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e), expected: 'an email address' },
  https: { test: (e) => e.startsWith('https://'), expected: 'an https:// URL' },
  sqs: { test: (e) => /^arn:aws[a-z-]*:sqs:/.test(e), expected: 'an SQS queue ARN (arn:aws:sqs:...)' },
  lambda: { test: (e) => /^arn:aws[a-z-]*:lambda:/.test(e), expected: 'a Lambda function ARN (arn:aws:lambda:...)' },
};

export interface AlarmTopicOptions {
  /** Start of every error message, e.g. `ServiceAlarms alarms`. */
  readonly errorPrefix: string;
  /** Prefix of the topic and key alias names. */
  readonly namePrefix: string;
  readonly region: string;
  readonly account: string;
  /** Customer-managed key of the topic. @default a key created here, whose policy admits CloudWatch */
  readonly kmsKeyArn?: string;
  readonly subscriptions: readonly AlarmSubscription[];
}

/** The resources {@link addAlarmTopic} adds. */
export interface AlarmTopic {
  readonly topic: SnsTopic;
  /** The topic's key, when none was given. */
  readonly key?: ManagedKey;
  readonly subscriptions: SnsTopicSubscription[];
}

/**
 * The encrypted SNS topic the alarms notify, with its subscriptions. Created in `scope` with the
 * IDs `topic`, `subscription-<n>` and, without `kmsKeyArn`, `topic-key` (with `-policy`, `-alias`):
 * a contract, as renaming one would replace the resource.
 */
export function addAlarmTopic(scope: Construct, options: AlarmTopicOptions): AlarmTopic {
  const { errorPrefix, namePrefix: prefix } = options;
  if (options.kmsKeyArn !== undefined && /(^|:)alias\/aws\/sns$/.test(options.kmsKeyArn)) {
    throw new Error(
      `${errorPrefix}: kmsKeyArn "${options.kmsKeyArn}" is the AWS-managed SNS key, whose policy cannot let CloudWatch publish, ` +
        `so no alarm would ever notify; pass a customer-managed key, or omit kmsKeyArn to create one.`,
    );
  }
  for (const s of options.subscriptions) {
    const check = ENDPOINT_CHECKS[s.protocol];
    if (!check) {
      throw new Error(`${errorPrefix}: subscription protocol must be email, https, sqs or lambda (got "${String(s.protocol)}").`);
    }
    if (!Token.isUnresolved(s.endpoint) && !check.test(s.endpoint)) {
      throw new Error(`${errorPrefix}: a ${s.protocol} subscription needs ${check.expected} (got "${s.endpoint}").`);
    }
  }
  const key =
    options.kmsKeyArn === undefined
      ? addManagedKey(scope, 'topic-key', {
          account: options.account,
          description: `${prefix} alarm notifications (SNS topic)`,
          aliasName: `alias/${prefix}-alarms`,
          statements: [cloudWatchAlarmsKeyStatement(options.region, options.account, prefix)],
        })
      : undefined;
  const topic = new SnsTopic(scope, 'topic', { name: `${prefix}-alarms`, kmsMasterKeyId: options.kmsKeyArn ?? key!.key.arn });
  const subscriptions = options.subscriptions.map(
    (s, i) => new SnsTopicSubscription(scope, `subscription-${i}`, { topicArn: topic.arn, protocol: s.protocol, endpoint: s.endpoint }),
  );
  return { topic, key, subscriptions };
}
