/**
 * The EventBridge pattern that matches a change of the value of one of a service's injected
 * secrets. Secrets Manager reports changes through CloudTrail (which must log the account's
 * management events, as it does by default through a trail):
 *
 * | change                                   | event (detail-type)                                | secret in                          |
 * |------------------------------------------|----------------------------------------------------|------------------------------------|
 * | a rotation finished (Lambda or managed)  | RotationSucceeded (AWS Service Event via CloudTrail) | detail.additionalEventData.SecretId |
 * | a new current value, by hand             | PutSecretValue without stages, or staged AWSCURRENT | detail.requestParameters.secretId   |
 * | a new value or settings, by hand         | UpdateSecret                                       | detail.requestParameters.secretId   |
 *
 * A rotation also calls PutSecretValue (staged AWSPENDING: not yet the value tasks read) and
 * UpdateSecretVersionStage; neither is matched, so one rotation restarts the tasks once, after the
 * new value is current. `requestParameters.secretId` is whatever the caller passed — the name, the
 * ARN, or the ARN without its random suffix — so each form is matched.
 */
import { Fn } from 'cdktf';

/** An EventBridge value filter: an exact string, or a prefix. */
export type EventFilter = string | { readonly prefix: string };

const SECRET_ARN_NAME = /^arn:[^:]+:secretsmanager:[^:]+:\d{12}:secret:(.+)$/;
/** Secrets Manager appends a hyphen and 6 characters to a secret's name to form its ARN. */
const RANDOM_SUFFIX = /-[A-Za-z0-9]{6}$/;
/** Terraform's replace() pattern that turns a complete secret ARN into the secret's name ($1). */
const NAME_OF_COMPLETE_ARN = '/^arn:[^:]+:secretsmanager:[^:]+:[0-9]{12}:secret:(.+)-[A-Za-z0-9]{6}$/';

/** True for a Terraform reference (resolved at apply) rather than a literal ARN. */
function isReference(arn: string): boolean {
  return arn.includes('${');
}

/**
 * How callers may name the secret `arn` in an API call. A literal ARN from an environment file
 * may be complete or name-only (see secretArnPatterns in data/endpoints.ts); a Terraform
 * reference is the complete ARN, and its name is derived at apply time.
 */
export function secretIdFilters(arn: string): EventFilter[] {
  if (isReference(arn)) return [arn, Fn.replace(arn, NAME_OF_COMPLETE_ARN, '$1')];
  const name = SECRET_ARN_NAME.exec(arn)?.[1];
  if (name === undefined) throw new Error(`secretIdFilters: "${arn}" is not a Secrets Manager secret ARN`);
  const names = RANDOM_SUFFIX.test(name) ? [name, name.replace(RANDOM_SUFFIX, '')] : [name];
  return [arn, { prefix: `${arn}-` }, ...names];
}

/** How a Secrets Manager service event names the secret `arn`: always the complete ARN. */
export function rotatedSecretFilters(arn: string): EventFilter[] {
  return isReference(arn) ? [arn] : [arn, { prefix: `${arn}-` }];
}

/** The event pattern (as an object) matching a change to the value of any of `secretArns`. */
export function secretChangeEventPattern(secretArns: readonly string[]): Record<string, unknown> {
  if (secretArns.length === 0) throw new Error('secretChangeEventPattern: no secrets to watch');
  const ids = secretArns.flatMap(secretIdFilters);
  const rotated = secretArns.flatMap(rotatedSecretFilters);
  return {
    source: ['aws.secretsmanager'],
    'detail-type': ['AWS API Call via CloudTrail', 'AWS Service Event via CloudTrail'],
    detail: {
      eventSource: ['secretsmanager.amazonaws.com'],
      $or: [
        { eventName: ['RotationSucceeded'], additionalEventData: { SecretId: rotated } },
        { eventName: ['UpdateSecret'], requestParameters: { secretId: ids } },
        { eventName: ['PutSecretValue'], requestParameters: { secretId: ids, versionStages: [{ exists: false }] } },
        { eventName: ['PutSecretValue'], requestParameters: { secretId: ids, versionStages: ['AWSCURRENT'] } },
      ],
    },
  };
}
