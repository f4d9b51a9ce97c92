/**
 * What the rehearsal checks after the cut-over, and the operator's fix it applies in between.
 */
import { logsKeyStatement } from '../adopt/preflight';
import type { Fingerprint } from './identity';
import { documentCommand } from './seed-estate';
import { PRODUCTION_ACCOUNT, type Rehearsal } from './rehearsal';

/**
 * The operator's fix for the preflight's key-policy finding, as adopt prints it: the account's
 * administration statement kept, the CloudWatch Logs statement added (aws kms put-key-policy).
 */
export async function keyPolicyFixCommand(r: Rehearsal): Promise<void> {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${PRODUCTION_ACCOUNT}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      logsKeyStatement('us-east-1', PRODUCTION_ACCOUNT),
    ],
  };
  await documentCommand(r.emulator.endpoint, [
    'kms',
    'put-key-policy',
    '--key-id',
    r.estate.kmsKeyId,
    '--policy-name',
    'default',
    '--policy',
    JSON.stringify(policy),
  ]);
}

/** Every way the cut-over broke what existed; empty when it kept everything. */
export function cutoverProblems(r: Rehearsal, before: Fingerprint, after: Fingerprint): string[] {
  const problems: string[] = [];
  const same = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${what} changed: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
  };
  same('the ECS service ARN', before.serviceArn, after.serviceArn);
  // A create (moto overwrites a service of the same name, keeping its ARN) gives new deployments.
  same("the ECS service's deployments", before.deploymentIds, after.deploymentIds);
  same('the load balancer ARN', before.loadBalancerArn, after.loadBalancerArn);
  same("the load balancer's listeners", before.listenerArns, after.listenerArns);
  same('the target group ARN', before.targetGroupArn, after.targetGroupArn);
  same('the repository', [before.repositoryArn, before.repositoryCreatedAt], [after.repositoryArn, after.repositoryCreatedAt]);
  same('the distributions of the account', before.distributionIds, after.distributionIds);
  same("the distribution's domain name", before.distributionDomain, after.distributionDomain);
  for (const service of ['ecr.api', 'ecr.dkr'] as const)
    same(`the ${service} endpoint`, [r.estate.endpointIds[service]], after.endpoints[service]);
  for (const [service, ids] of Object.entries(after.endpoints)) {
    if (ids.length !== 1) problems.push(`${ids.length} endpoints for ${service}: ${ids.join(', ')}`);
  }
  if (after.loadBalancerSecurityGroups.includes(r.estate.loadBalancerSecurityGroupId)) {
    problems.push(`the hand-made ALB group ${r.estate.loadBalancerSecurityGroupId} is still on the ALB`);
  }
  for (const [group, ingress] of Object.entries(after.loadBalancerIngress)) {
    if (ingress.cidrs > 0 || ingress.prefixLists.length !== 1) {
      problems.push(
        `ALB group ${group} admits ${ingress.cidrs} CIDR ranges and ${ingress.prefixLists.length} prefix lists, not the CloudFront list alone`,
      );
    }
  }
  if (!after.serviceSecurityGroups.includes(r.estate.taskSecurityGroupId) || after.serviceSecurityGroups.length !== 2) {
    problems.push(
      `the tasks should keep ${r.estate.taskSecurityGroupId} beside the managed group; they have ${after.serviceSecurityGroups.join(', ')}`,
    );
  }
  return problems;
}
