import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import type { TerraformStack } from 'cdktf';
import { findingFor, givenStack } from '../../helpers/guardrails';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/d9c8447f-91df-4df9-a012-6a5b6eab3cd0';

function group(stack: TerraformStack, id: string, name: string): CloudwatchLogGroup {
  return new CloudwatchLogGroup(stack, id, { name, retentionInDays: 30, kmsKeyId: KEY });
}

function database(stack: TerraformStack, dependsOn: CloudwatchLogGroup[] = []): DbInstance {
  return new DbInstance(stack, 'db', {
    identifier: 'fintech-dev-db',
    instanceClass: 'db.t4g.micro',
    engine: 'postgres',
    enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
    dependsOn,
  });
}

function cluster(stack: TerraformStack, dependsOn: CloudwatchLogGroup[] = []): EcsCluster {
  return new EcsCluster(stack, 'cluster', {
    name: 'fintech-cluster',
    setting: [{ name: 'containerInsights', value: 'enabled' }],
    dependsOn,
  });
}

describe('FIN-LOG3', () => {
  test('compliant: GIVEN both RDS export groups created first WHEN evaluated THEN the database is compliant', () => {
    const { stack } = givenStack();
    const groups = [
      group(stack, 'pg', '/aws/rds/instance/fintech-dev-db/postgresql'),
      group(stack, 'upgrade', '/aws/rds/instance/fintech-dev-db/upgrade'),
    ];

    expect(findingFor(stack, 'FIN-LOG3', database(stack, groups)).status).toBe('compliant');
  });

  test('non-compliant: GIVEN a database exporting logs without its groups WHEN evaluated THEN the reason names each group RDS would create', () => {
    const { stack } = givenStack();
    const finding = findingFor(stack, 'FIN-LOG3', database(stack));

    expect(finding.status).toBe('non-compliant');
    expect(finding.reason).toContain(
      'no aws_cloudwatch_log_group is named "/aws/rds/instance/fintech-dev-db/postgresql", so RDS (postgresql log export) creates it on first write, unencrypted and kept forever',
    );
    expect(finding.reason).toContain('"/aws/rds/instance/fintech-dev-db/upgrade"');
  });

  test('non-compliant: GIVEN the groups exist but the database does not wait for them WHEN evaluated THEN the reason asks for depends_on', () => {
    const { stack } = givenStack();
    group(stack, 'pg', '/aws/rds/instance/fintech-dev-db/postgresql');
    group(stack, 'upgrade', '/aws/rds/instance/fintech-dev-db/upgrade');

    expect(findingFor(stack, 'FIN-LOG3', database(stack)).reason).toContain('depends_on does not list aws_cloudwatch_log_group.pg');
  });

  test('compliant: GIVEN the Container Insights group created first WHEN evaluated THEN the cluster is compliant', () => {
    const { stack } = givenStack();
    const insights = group(stack, 'insights', '/aws/ecs/containerinsights/fintech-cluster/performance');

    expect(findingFor(stack, 'FIN-LOG3', cluster(stack, [insights])).status).toBe('compliant');
  });

  test('non-compliant: GIVEN Container Insights on and no group WHEN evaluated THEN the reason names the group', () => {
    const { stack } = givenStack();

    expect(findingFor(stack, 'FIN-LOG3', cluster(stack)).reason).toContain(
      'no aws_cloudwatch_log_group is named "/aws/ecs/containerinsights/fintech-cluster/performance", so Container Insights creates it',
    );
  });

  test('not-applicable: GIVEN a database that exports no logs WHEN evaluated THEN no group is needed', () => {
    const { stack } = givenStack();
    const db = new DbInstance(stack, 'db', { identifier: 'x', instanceClass: 'db.t4g.micro', engine: 'postgres' });

    expect(findingFor(stack, 'FIN-LOG3', db).status).toBe('not-applicable');
  });
});
