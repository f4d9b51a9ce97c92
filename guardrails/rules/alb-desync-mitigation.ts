/**
 * FIN-ALB4 — HTTP desync mitigation is not in monitor mode.
 *
 * Every Application Load Balancer must leave `desync_mitigation_mode` absent (AWS default:
 * `defensive`) or set it to `defensive` or `strictest`; `monitor` forwards ambiguous requests, the
 * raw material of HTTP request smuggling.
 *
 * Mirrors: checkov CKV_AWS_328; Security Hub ELB.12.
 */
import type { GuardrailRule } from '../rule';
import { compliant, nonCompliant } from '../rule';
import { isApplicationLoadBalancer, LOAD_BALANCER_TYPES, notAnApplicationLoadBalancer } from '../lib/load-balancers';
import { show, str } from '../lib/values';

export const albDesyncMitigation: GuardrailRule = {
  id: 'FIN-ALB4',
  title: 'ALB desync mitigation is defensive or strictest',
  severity: 'medium',
  description: 'No Application Load Balancer sets desync_mitigation_mode to monitor (absent means defensive).',
  mirrors: ['checkov CKV_AWS_328', 'Security Hub ELB.12'],
  resourceTypes: LOAD_BALANCER_TYPES,
  check(resource) {
    if (!isApplicationLoadBalancer(resource)) return notAnApplicationLoadBalancer(resource);
    const mode = str(resource.config.desync_mitigation_mode);
    return mode === 'monitor' ? nonCompliant(`desync_mitigation_mode is ${show(mode)}; set it to "defensive" or "strictest"`) : compliant();
  },
};
