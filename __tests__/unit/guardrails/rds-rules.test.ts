import { DbInstance, type DbInstanceConfig } from '@cdktf/provider-aws/lib/db-instance';
import type { TerraformStack } from 'cdktf';
import { findingFor, givenStack } from '../../helpers/guardrails';

function givenDatabase(stack: TerraformStack, config: Partial<DbInstanceConfig>): DbInstance {
  return new DbInstance(stack, 'db', { instanceClass: 'db.t4g.micro', engine: 'postgres', ...config });
}

describe('FIN-RDS1', () => {
  test('compliant: GIVEN PostgreSQL "16" with automatic minor upgrades WHEN evaluated THEN the rule is compliant', () => {
    const { stack } = givenStack();
    const db = givenDatabase(stack, { engineVersion: '16', autoMinorVersionUpgrade: true });

    expect(findingFor(stack, 'FIN-RDS1', db).status).toBe('compliant');
  });

  test('non-compliant: GIVEN PostgreSQL "16.4" with automatic minor upgrades WHEN evaluated THEN the reason names the downgrade and the fix', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-RDS1', givenDatabase(stack, { engineVersion: '16.4', autoMinorVersionUpgrade: true }));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain('engine_version is "16.4" with automatic minor version upgrades on');
    expect(finding.reason).toContain('give "16"');
  });

  test('non-compliant: GIVEN a pinned version and automatic minor upgrades left at their default WHEN evaluated THEN the default counts as on', () => {
    const { stack } = givenStack();

    expect(findingFor(stack, 'FIN-RDS1', givenDatabase(stack, { engineVersion: '16.4' })).status).toBe('non-compliant');
  });

  test('non-compliant: GIVEN MySQL "8.0.36" with automatic minor upgrades WHEN evaluated THEN major.minor is asked for', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-RDS1', givenDatabase(stack, { engine: 'mysql', engineVersion: '8.0.36' }));

    expect(finding.reason).toContain('give "8.0"');
  });

  test('not-applicable: GIVEN automatic minor upgrades off WHEN evaluated THEN a pinned version is allowed', () => {
    const { stack } = givenStack();
    const db = givenDatabase(stack, { engineVersion: '16.4', autoMinorVersionUpgrade: false });

    expect(findingFor(stack, 'FIN-RDS1', db).status).toBe('not-applicable');
  });
});
