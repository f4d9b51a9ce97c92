/**
 * Security-group ingress, normalised. Ingress can be written four ways and every rule about
 * ingress must see all of them:
 * - `aws_vpc_security_group_ingress_rule` (one source per rule: cidr_ipv4, cidr_ipv6, prefix_list_id
 *   or referenced_security_group_id) — what this project uses;
 * - `aws_security_group_rule` with `type = "ingress"` (legacy);
 * - inline `ingress` blocks on `aws_security_group` and `aws_default_security_group`.
 * A group is identified by a "group key": the address of the `aws_security_group` a value
 * references, or the literal ID (`sg-...`) of a group this stack does not manage.
 */
import type { ResourceView, RuleResult, StackView } from '../rule';
import { compliant, fromProblems, nonCompliant, notApplicable } from '../rule';
import { blocks, isTrue, num, show, str, strings } from './values';

/** Types that carry ingress permissions. */
export const INGRESS_RESOURCE_TYPES = [
  'aws_vpc_security_group_ingress_rule',
  'aws_security_group_rule',
  'aws_security_group',
  'aws_default_security_group',
] as const;

/** Types a group key may refer to. */
const GROUP_TYPES = new Set(['aws_security_group', 'aws_default_security_group']);

/** One ingress permission: a protocol/port range from one or more sources, into one group. */
export interface IngressPermission {
  /** The resource that declares it. */
  readonly origin: ResourceView;
  /** How to find it in a reason, e.g. `aws_vpc_security_group_ingress_rule.x` or `aws_security_group.y ingress[0]`. */
  readonly label: string;
  /** Key of the group it opens (see module doc). */
  readonly group: string;
  /** `tcp`, `udp`, `icmp`, `all` or the raw protocol. */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrIpv4: readonly string[];
  readonly cidrIpv6: readonly string[];
  readonly prefixListIds: readonly string[];
  /** Group keys of referenced source groups. */
  readonly sourceGroups: readonly string[];
  /** Admits the group itself. */
  readonly self: boolean;
}

/** The key of a security-group reference: the group's address when managed here, else the literal. */
export function groupKey(view: StackView, value: unknown): string | undefined {
  const ref = view.reference(value);
  if (ref && GROUP_TYPES.has(ref.type)) return ref.address;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Group keys of a list attribute (`security_groups`, `security_group_ids`). */
export function groupKeys(view: StackView, value: unknown): string[] {
  return strings(value)
    .map((v) => groupKey(view, v))
    .filter((k): k is string => k !== undefined);
}

/** True when the key is the address of a group this stack manages (its rules are visible). */
export function isManagedGroup(view: StackView, key: string): boolean {
  return view.byAddress(key) !== undefined;
}

/** Canonical protocol name (`-1` → `all`, `6` → `tcp`, ...). */
export function normaliseProtocol(value: unknown): string {
  const raw = String(value ?? '').toLowerCase();
  const names: Record<string, string> = { '-1': 'all', all: 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };
  return names[raw] ?? raw;
}

/** Builds a permission from one rule-like object. */
function permission(
  origin: ResourceView,
  label: string,
  group: string,
  fields: Omit<IngressPermission, 'origin' | 'label' | 'group'>,
): IngressPermission {
  return { origin, label, group, ...fields };
}

function ports(config: Readonly<Record<string, unknown>>): { fromPort?: number; toPort?: number } {
  const fromPort = num(config.from_port);
  const toPort = num(config.to_port);
  return { ...(fromPort !== undefined ? { fromPort } : {}), ...(toPort !== undefined ? { toPort } : {}) };
}

/** Every ingress permission a resource declares (none for types without ingress). */
export function ingressPermissions(resource: ResourceView, view: StackView): IngressPermission[] {
  const c = resource.config;
  switch (resource.type) {
    case 'aws_vpc_security_group_ingress_rule': {
      const group = groupKey(view, c.security_group_id);
      if (group === undefined) return [];
      const source = groupKey(view, c.referenced_security_group_id);
      return [
        permission(resource, resource.address, group, {
          protocol: normaliseProtocol(c.ip_protocol),
          ...ports(c),
          cidrIpv4: strings(c.cidr_ipv4),
          cidrIpv6: strings(c.cidr_ipv6),
          prefixListIds: strings(c.prefix_list_id),
          sourceGroups: source !== undefined ? [source] : [],
          self: false,
        }),
      ];
    }
    case 'aws_security_group_rule': {
      const group = groupKey(view, c.security_group_id);
      if (str(c.type) !== 'ingress' || group === undefined) return [];
      const source = groupKey(view, c.source_security_group_id);
      return [
        permission(resource, resource.address, group, {
          protocol: normaliseProtocol(c.protocol),
          ...ports(c),
          cidrIpv4: strings(c.cidr_blocks),
          cidrIpv6: strings(c.ipv6_cidr_blocks),
          prefixListIds: strings(c.prefix_list_ids),
          sourceGroups: source !== undefined ? [source] : [],
          self: isTrue(c.self),
        }),
      ];
    }
    case 'aws_security_group':
    case 'aws_default_security_group':
      return blocks(c.ingress).map((b, i) =>
        permission(resource, `${resource.address} ingress[${i}]`, resource.address, {
          protocol: normaliseProtocol(b.protocol),
          ...ports(b),
          cidrIpv4: strings(b.cidr_blocks),
          cidrIpv6: strings(b.ipv6_cidr_blocks),
          prefixListIds: strings(b.prefix_list_ids),
          sourceGroups: groupKeys(view, b.security_groups),
          self: isTrue(b.self),
        }),
      );
    default:
      return [];
  }
}

/** `tcp 443`, `tcp 1024-2048`, `all traffic`. */
export function describePorts(p: IngressPermission): string {
  if (p.protocol === 'all') return 'all traffic';
  if (p.fromPort === undefined || p.toPort === undefined) return p.protocol;
  return p.fromPort === p.toPort ? `${p.protocol} ${p.fromPort}` : `${p.protocol} ${p.fromPort}-${p.toPort}`;
}

/** Every source of a permission, each as `attribute value`, for reasons. */
export function describeSources(p: IngressPermission): string[] {
  return [
    ...p.cidrIpv4.map((c) => `cidr_ipv4 ${show(c)}`),
    ...p.cidrIpv6.map((c) => `cidr_ipv6 ${show(c)}`),
    ...p.prefixListIds.map((id) => `prefix_list_id ${show(id)}`),
    ...p.sourceGroups.map((g) => `security group ${show(g)}`),
    ...(p.self ? ['self'] : []),
  ];
}

/**
 * The group keys attached to resources of `ownerTypes`, mapped to the owners' addresses, read
 * with `groupsOf` (e.g. `aws_lb.security_groups`).
 */
export function attachedGroups(
  view: StackView,
  ownerTypes: readonly string[],
  groupsOf: (owner: ResourceView) => unknown,
): ReadonlyMap<string, readonly string[]> {
  const map = new Map<string, string[]>();
  for (const owner of ownerTypes.flatMap((t) => view.byType(t))) {
    for (const key of groupKeys(view, groupsOf(owner))) map.set(key, [...(map.get(key) ?? []), owner.address]);
  }
  return map;
}

/**
 * Checks the ingress `resource` declares on any of `targets` (group key → owners): each such
 * permission must pass `violation` (which returns what is wrong, or undefined).
 * Not applicable when the resource opens none of the targets.
 */
export function checkTargetIngress(
  resource: ResourceView,
  view: StackView,
  targets: ReadonlyMap<string, readonly string[]>,
  violation: (p: IngressPermission) => string | undefined,
): RuleResult {
  const relevant = ingressPermissions(resource, view).filter((p) => targets.has(p.group));
  if (relevant.length === 0) return notApplicable();
  return fromProblems(
    relevant.flatMap((p) => {
      const problem = violation(p);
      return problem === undefined ? [] : [`${p.label} (on group ${p.group} of ${(targets.get(p.group) ?? []).join(', ')}): ${problem}`];
    }),
  );
}

/**
 * Checks that an owner (load balancer, service, endpoint) has security groups and that each is
 * managed in this stack, so its ingress is visible to the guardrails.
 */
export function checkOwnerGroups(view: StackView, attribute: string, groups: unknown): RuleResult {
  const keys = groupKeys(view, groups);
  if (keys.length === 0) {
    return nonCompliant(
      `${attribute} is ${show(groups)}: without a security group AWS attaches the VPC's default group; attach a group created in this stack`,
    );
  }
  const unmanaged = keys.filter((k) => !isManagedGroup(view, k));
  if (unmanaged.length > 0) {
    return nonCompliant(
      `${attribute} lists ${unmanaged.map((k) => show(k)).join(', ')}, not created in this stack, so its ingress cannot be verified; create the group here or suppress this rule with the reason it is safe`,
    );
  }
  return compliant();
}
