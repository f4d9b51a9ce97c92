/**
 * FIN-SG3 — the tasks are reachable only from the load balancer.
 *
 * Every ingress permission on a security group listed in an ECS service's
 * `network_configuration.security_groups` must come from a referenced security group that is
 * attached to a load balancer (`aws_lb.security_groups`); the service must have security groups,
 * all created in this stack. Anything else lets a client skip the ALB (and CloudFront in front of
 * it) and talk to the containers directly.
 *
 * Mirrors: AWS ECS best-practice guide (task security group admits only the load balancer's group);
 * AWS Well-Architected SEC05-BP02 (control traffic flow within network layers).
 */
import type { GuardrailRule } from '../rule';
import { notApplicable } from '../rule';
import { LOAD_BALANCER_TYPES } from '../lib/load-balancers';
import { attachedGroups, checkOwnerGroups, checkTargetIngress, describeSources, INGRESS_RESOURCE_TYPES } from '../lib/security-groups';
import { block } from '../lib/values';

export const taskIngressFromLoadBalancerOnly: GuardrailRule = {
  id: 'FIN-SG3',
  title: 'Tasks reachable only from the load balancer',
  severity: 'high',
  description:
    "Every ingress rule on an ECS service's security groups references a security group attached to a load balancer; the service has groups, all created in this stack.",
  mirrors: ['AWS ECS best practices: task security group admits only the load balancer group', 'AWS Well-Architected SEC05-BP02'],
  resourceTypes: ['aws_ecs_service', ...INGRESS_RESOURCE_TYPES],
  check(resource, stack) {
    if (resource.type === 'aws_ecs_service') {
      const network = block(resource.config.network_configuration);
      if (!network) return notApplicable('no network_configuration (not awsvpc networking)');
      return checkOwnerGroups(stack, 'network_configuration.security_groups', network.security_groups);
    }
    const taskGroups = attachedGroups(stack, ['aws_ecs_service'], (s) => block(s.config.network_configuration)?.security_groups);
    const lbGroups = attachedGroups(stack, LOAD_BALANCER_TYPES, (lb) => lb.config.security_groups);
    return checkTargetIngress(resource, stack, taskGroups, (p) => {
      const fromLoadBalancerOnly =
        p.sourceGroups.length > 0 &&
        p.sourceGroups.every((g) => lbGroups.has(g)) &&
        p.cidrIpv4.length === 0 &&
        p.cidrIpv6.length === 0 &&
        p.prefixListIds.length === 0 &&
        !p.self;
      if (fromLoadBalancerOnly) return undefined;
      const bad = describeSources({ ...p, sourceGroups: p.sourceGroups.filter((g) => !lbGroups.has(g)) });
      return `admits ${bad.join(', ') || 'no source'}; the tasks must be reachable only from the load balancer: use referenced_security_group_id = a security group attached to the aws_lb`;
    });
  },
};
