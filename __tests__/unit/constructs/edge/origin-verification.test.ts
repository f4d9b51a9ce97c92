import { DataAwsSecretsmanagerRandomPassword } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-random-password';
import { DataAwsSecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { TerraformOutput, Testing, Token } from 'cdktf';
import { ORIGIN_VERIFY_HEADER, OriginVerification, type OriginVerificationProps } from '../../../../constructs/edge/origin-verification';
import { onlyResource } from '../../../helpers/synth';
import { dataReferenceTo, dataSourcesOf, outputsOf, referenceTo } from '../../../helpers/constructs';

const KMS_KEY = 'arn:aws:kms:us-east-1:296674251987:key/5f0c2d1e-8a7b-4c3d-9e6f-0a1b2c3d4e5f';
const SECRET_NAME = 'fintech-production/edge/origin-verify';

const BASE: OriginVerificationProps = { secretName: SECRET_NAME, kmsKeyArn: KMS_KEY };

/** Synthesizes an OriginVerification and exposes the header value and the accepted values as outputs. */
function synthVerification(overrides: Partial<OriginVerificationProps> = {}): string {
  return Testing.synthScope((scope) => {
    const verification = new OriginVerification(scope, 'origin-verification', { ...BASE, ...overrides });
    new TerraformOutput(scope, 'header_value', { value: verification.headerValue });
    new TerraformOutput(scope, 'accepted_values', { value: verification.acceptedValues });
  });
}

/** A Terraform reference without its `${...}` wrapper, as it appears inside a larger expression. */
function bare(reference: string): string {
  return reference.replace(/^\$\{(.*)\}$/, '$1');
}

/** `type.name` of the only resource of a type, as used in depends_on. */
function address(synth: string, type: string): string {
  return referenceTo(synth, type, () => true).replace(/^\$\{(.*)\.id\}$/, '$1');
}

describe('OriginVerification', () => {
  describe('with the defaults', () => {
    let synth: string;
    let secretId: string;
    beforeAll(() => {
      synth = synthVerification();
      secretId = referenceTo(synth, 'aws_secretsmanager_secret', () => true);
    });

    test('creates the secret with the given name, encrypted with the given KMS key', () => {
      expect(synth).toHaveResourceWithProperties(SecretsmanagerSecret, { name: SECRET_NAME, kms_key_id: KMS_KEY });
    });

    test('a deleted secret can be restored for 30 days by default', () => {
      expect(synth).toHaveResourceWithProperties(SecretsmanagerSecret, { recovery_window_in_days: 30 });
    });

    test('generates the first value with a Secrets Manager random password: 64 characters, no punctuation', () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsSecretsmanagerRandomPassword, {
        password_length: 64,
        exclude_punctuation: true,
      });
    });

    test('the first secret version stores {"current": <random password>, "previous": ""} through jsonencode', () => {
      const password = bare(dataReferenceTo(synth, 'aws_secretsmanager_random_password', 'random_password'));
      expect(synth).toHaveResourceWithProperties(SecretsmanagerSecretVersion, {
        secret_id: secretId,
        secret_string: '${jsonencode({"current" = ' + password + ', "previous" = ""})}',
      });
    });

    test('Terraform never reverts a rotation: the secret version ignores changes to secret_string', () => {
      expect(synth).toHaveResourceWithProperties(SecretsmanagerSecretVersion, {
        lifecycle: expect.objectContaining({ ignore_changes: ['secret_string'] }),
      });
    });

    test('reads the current secret value back through a secret-version data source', () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsSecretsmanagerSecretVersion, { secret_id: secretId });
    });

    test('the secret-version data source is read after the first version is written', () => {
      expect(synth).toHaveDataSourceWithProperties(DataAwsSecretsmanagerSecretVersion, {
        depends_on: [address(synth, 'aws_secretsmanager_secret_version')],
      });
    });

    test('the header value is the "current" key of the secret read back, as a Terraform expression', () => {
      const secretString = bare(dataReferenceTo(synth, 'aws_secretsmanager_secret_version', 'secret_string'));
      expect(outputsOf(synth).header_value).toBe('${jsondecode(' + secretString + ').current}');
    });

    test('the accepted values are the "current" and "previous" keys of the secret read back, empty ones dropped', () => {
      const secretString = bare(dataReferenceTo(synth, 'aws_secretsmanager_secret_version', 'secret_string'));
      const accepted = outputsOf(synth).accepted_values as string;
      expect(accepted).toMatch(/^\$\{compact\(\[.*\]\)\}$/);
      expect(accepted).toContain(`jsondecode(${secretString}).current`);
      expect(accepted).toContain('previous');
    });

    test('the random password is only ever referenced: the secret string reads it from the data source', () => {
      expect(synth).toContain('data.aws_secretsmanager_random_password.');
      expect(Object.keys(dataSourcesOf(synth, 'aws_secretsmanager_random_password'))).toHaveLength(1);
    });

    test('no literal secret value appears in the synthesized JSON (no 64-character alphanumeric string)', () => {
      expect(synth).not.toMatch(/(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])/);
    });

    test('the secret version has no literal secret string: it is a single Terraform expression', () => {
      expect(onlyResource(synth, 'aws_secretsmanager_secret_version').secret_string).toMatch(/^\$\{jsonencode\(.*\)\}$/);
    });
  });

  test('recoveryWindowDays 0 deletes the secret at once (throwaway environments)', () => {
    expect(synthVerification({ recoveryWindowDays: 0 })).toHaveResourceWithProperties(SecretsmanagerSecret, {
      recovery_window_in_days: 0,
    });
  });

  test('headerName is X-Origin-Verify', () => {
    let verification!: OriginVerification;
    Testing.synthScope((scope) => {
      verification = new OriginVerification(scope, 'origin-verification', BASE);
    });
    expect(ORIGIN_VERIFY_HEADER).toBe('X-Origin-Verify');
    expect(verification.headerName).toBe('X-Origin-Verify');
  });

  test('headerValue and acceptedValues are unresolved tokens, never literal values', () => {
    let verification!: OriginVerification;
    Testing.synthScope((scope) => {
      verification = new OriginVerification(scope, 'origin-verification', BASE);
    });
    expect(Token.isUnresolved(verification.headerValue)).toBe(true);
    expect(Token.isUnresolved(verification.acceptedValues)).toBe(true);
  });
});
