/**
 * FIN-LOG3 — log groups that AWS services would create are created by the stack first.
 *
 * RDS creates `/aws/rds/instance/<identifier>/<log type>` the first time it exports a log, and
 * Container Insights `/aws/ecs/containerinsights/<cluster>/performance` the first time it writes:
 * both unencrypted and kept forever, outside FIN-LOG1 and FIN-LOG2 because no resource of the stack
 * declares them. So every `aws_db_instance` with `enabled_cloudwatch_logs_exports`, and every
 * `aws_ecs_cluster` with Container Insights on, must have those groups as `aws_cloudwatch_log_group`
 * resources of the stack, named exactly so, and must list them in `depends_on` (or the service may
 * write first, and the group's creation then fails as a duplicate).
 *
 * Mirrors: checkov CKV_AWS_158 and CKV_AWS_66 for the groups AWS creates; AWS RDS User Guide,
 * publishing database logs to CloudWatch Logs; CloudWatch Container Insights performance log events.
 */
import type { GuardrailRule, ResourceView, StackView } from '../rule';
import { fromProblems, notApplicable } from '../rule';
import { blocks, isExpression, show, str, strings } from '../lib/values';

/** What a resource must find in place: the group name, and why AWS would create it. */
function requiredGroups(resource: ResourceView): { name: string; writer: string }[] | string {
  const c = resource.config;
  if (resource.type === 'aws_db_instance') {
    const exports = strings(c.enabled_cloudwatch_logs_exports);
    if (exports.length === 0) return 'exports no logs';
    const identifier = str(c.identifier);
    if (identifier === undefined || isExpression(identifier))
      return `identifier ${show(c.identifier)} is not a literal; the group names cannot be checked`;
    return exports.map((type) => ({ name: `/aws/rds/instance/${identifier}/${type}`, writer: `RDS (${type} log export)` }));
  }
  const insights = blocks(c.setting).find((s) => str(s.name) === 'containerInsights');
  const value = str(insights?.value);
  if (value === undefined || value === 'disabled') return 'Container Insights is off';
  const name = str(c.name);
  if (name === undefined || isExpression(name)) return `name ${show(c.name)} is not a literal; the group name cannot be checked`;
  return [{ name: `/aws/ecs/containerinsights/${name}/performance`, writer: 'Container Insights' }];
}

/** The address of the stack's log group with exactly this name. */
function logGroupNamed(stack: StackView, name: string): string | undefined {
  return stack.byType('aws_cloudwatch_log_group').find((g) => str(g.config.name) === name)?.address;
}

export const logGroupsCreatedFirst: GuardrailRule = {
  id: 'FIN-LOG3',
  title: 'Log groups AWS services would create are created first',
  severity: 'medium',
  description:
    'Every aws_db_instance exporting logs and every aws_ecs_cluster with Container Insights has the log groups the service writes to (/aws/rds/instance/<id>/<type>, /aws/ecs/containerinsights/<cluster>/performance) as resources of the stack, in its depends_on.',
  mirrors: ['checkov CKV_AWS_158 / CKV_AWS_66 (for the groups AWS creates)', 'AWS RDS User Guide: publishing logs to CloudWatch Logs'],
  resourceTypes: ['aws_db_instance', 'aws_ecs_cluster'],
  check(resource, stack) {
    const required = requiredGroups(resource);
    if (typeof required === 'string') return notApplicable(required);
    const dependsOn = strings(resource.config.depends_on);
    return fromProblems(
      required.flatMap(({ name, writer }) => {
        const group = logGroupNamed(stack, name);
        if (group === undefined) {
          return [
            `no aws_cloudwatch_log_group is named ${show(name)}, so ${writer} creates it on first write, unencrypted and kept forever; create it in the stack with kms_key_id and retention_in_days`,
          ];
        }
        return dependsOn.includes(group)
          ? []
          : [`depends_on does not list ${group} (${show(name)}), so ${writer} may write first and the group's creation then fails; add it`];
      }),
    );
  },
};
