/**
 * FIN-SG5 — load balancer groups open exactly the listener ports.
 *
 * Every ingress permission on a security group listed in an ALB's `security_groups` must be TCP on
 * one port that a listener of that ALB (`aws_lb_listener.load_balancer_arn` referencing it) listens
 * on. A port without a listener answers nothing today and admits whatever listener appears on it
 * tomorrow, unreviewed; with the CloudFront prefix list as source each port also costs a group.
 *
 * Mirrors: AWS Well-Architected SEC05-BP02 (control traffic at all layers); Security Hub EC2.18
 * (partially: only authorized ports open).
 */
import type { GuardrailRule, StackView } from '../rule';
import { isApplicationLoadBalancer, LOAD_BALANCER_TYPES } from '../lib/load-balancers';
import { attachedGroups, checkTargetIngress, describePorts, INGRESS_RESOURCE_TYPES } from '../lib/security-groups';
import { num } from '../lib/values';

/** Both spellings of the listener resource. */
const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'] as const;

/** The ports of the listeners attached to each load balancer, by load balancer address. */
function listenerPorts(stack: StackView): ReadonlyMap<string, readonly number[]> {
  const ports = new Map<string, number[]>();
  for (const listener of LISTENER_TYPES.flatMap((t) => stack.byType(t))) {
    const lb = stack.referencedAddress(listener.config.load_balancer_arn);
    const port = num(listener.config.port);
    if (lb !== undefined && port !== undefined) ports.set(lb, [...(ports.get(lb) ?? []), port]);
  }
  return ports;
}

export const albIngressListenerPortsOnly: GuardrailRule = {
  id: 'FIN-SG5',
  title: 'Load balancer groups open only listener ports',
  severity: 'medium',
  description: "Every ingress rule on an ALB's security groups is TCP on exactly one port that a listener of that ALB listens on.",
  mirrors: ['AWS Well-Architected SEC05-BP02', 'Security Hub EC2.18 (partially)'],
  resourceTypes: [...INGRESS_RESOURCE_TYPES],
  check(resource, stack) {
    const albGroups = attachedGroups(stack, LOAD_BALANCER_TYPES, (lb) =>
      isApplicationLoadBalancer(lb) ? lb.config.security_groups : undefined,
    );
    const byLoadBalancer = listenerPorts(stack);
    return checkTargetIngress(resource, stack, albGroups, (p) => {
      const owners = albGroups.get(p.group) ?? [];
      const open = [...new Set(owners.flatMap((lb) => byLoadBalancer.get(lb) ?? []))].sort((a, b) => a - b);
      const single = p.protocol === 'tcp' && p.fromPort !== undefined && p.fromPort === p.toPort;
      if (single && open.includes(p.fromPort!)) return undefined;
      const listeners = open.length > 0 ? `its listeners use ${open.join(', ')}` : 'it has no listener in this stack';
      return `opens ${describePorts(p)}, but ${listeners}; open exactly the listener ports (add the listener first, or remove the rule)`;
    });
  },
};
