import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { Construct } from 'constructs';
import type { PolicyStatement } from './policy';

export interface ManagedKeyOptions {
  readonly account: string;
  readonly description: string;
  /** Alias name, `alias/...`. */
  readonly aliasName: string;
  /** Key-policy statements besides the account's administration through IAM. */
  readonly statements: readonly PolicyStatement[];
}

/** The resources {@link addManagedKey} adds. */
export interface ManagedKey {
  readonly key: KmsKey;
  readonly alias: KmsAlias;
  readonly policy: DataAwsIamPolicyDocument;
}

/**
 * A customer-managed KMS key as every key of this project is made: yearly rotation, a 30-day
 * deletion window, an alias, and a key policy that lets the account administer the key through
 * IAM plus the given service statements. The resources are created in `scope` with the IDs
 * `<id>-policy`, `<id>` and `<id>-alias`: a contract, as renaming one would replace the key.
 */
export function addManagedKey(scope: Construct, id: string, options: ManagedKeyOptions): ManagedKey {
  const policy = new DataAwsIamPolicyDocument(scope, `${id}-policy`, {
    statement: [
      {
        sid: 'AccountAdministersKeyThroughIam',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${options.account}:root`] }],
        actions: ['kms:*'],
        resources: ['*'], // in a key policy "*" means this key
      },
      ...options.statements,
    ],
  });
  const key = new KmsKey(scope, id, {
    description: options.description,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: policy.json,
  });
  const alias = new KmsAlias(scope, `${id}-alias`, { name: options.aliasName, targetKeyId: key.keyId });
  return { key, alias, policy };
}
