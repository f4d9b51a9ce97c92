/** Load-balancer helpers. `aws_alb` is the provider's alias of `aws_lb`. */
import type { ResourceView, RuleResult } from '../rule';
import { notApplicable } from '../rule';
import { show, str } from './values';

/** Both spellings of the load balancer resource. */
export const LOAD_BALANCER_TYPES = ['aws_lb', 'aws_alb'] as const;

/** True for an Application Load Balancer (`load_balancer_type` absent defaults to `application`). */
export function isApplicationLoadBalancer(resource: ResourceView): boolean {
  const type = str(resource.config.load_balancer_type);
  return (LOAD_BALANCER_TYPES as readonly string[]).includes(resource.type) && (type === undefined || type === 'application');
}

/** Not applicable, naming the load balancer type. */
export function notAnApplicationLoadBalancer(resource: ResourceView): RuleResult {
  return notApplicable(`load_balancer_type is ${show(resource.config.load_balancer_type)}, not "application"`);
}
