/**
 * The plan-time safety gate: a plan that would destroy or replace a resource whose loss breaks the
 * running system fails review, one line per offender. Terraform's `prevent_destroy` does not cover
 * a resource removed from the configuration; this gate reads the plan itself, so it does. An
 * override names the address and carries a reason, and is printed in the summary.
 */
import type { PlanChanges } from './plan-summary';

/** Resource types whose destruction or replacement the gate refuses, with what they are. */
export const PROTECTED_TYPES: Readonly<Record<string, string>> = {
  aws_ecs_service: 'the ECS service (a replacement drops every running task)',
  aws_ecs_cluster: 'the ECS cluster',
  aws_lb: 'the load balancer (its DNS name and ARN change)',
  aws_lb_listener: 'a load balancer listener',
  aws_lb_target_group: 'the target group',
  aws_ecr_repository: 'the image repository (its images go with it)',
  aws_cloudwatch_log_group: 'a log group (its events go with it)',
  aws_cloudfront_distribution: 'the CloudFront distribution (clients use its domain name)',
  aws_cloudfront_vpc_origin: "the distribution's VPC origin",
  aws_db_instance: 'the database',
  aws_elasticache_replication_group: 'the Redis replication group',
  aws_dynamodb_table: 'the sessions table',
  aws_secretsmanager_secret: 'a secret',
  aws_kms_key: 'a KMS key (what it encrypted becomes unreadable)',
  aws_s3_bucket: 'a bucket (state or logs)',
};

/** A planned change the gate refuses. */
export interface GateOffender {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly string[];
  /** One line: what would happen and why it matters. */
  readonly line: string;
}

/** A refused change let through by an explicit override. */
export interface GateOverride {
  readonly address: string;
  readonly reason: string;
}

export interface GateResult {
  readonly offenders: readonly GateOffender[];
  /** Offenders an override let through. */
  readonly overridden: readonly (GateOffender & { readonly reason: string })[];
  /** Replacements that keep the resource available throughout (create before destroy), by design. */
  readonly safeReplacements: readonly string[];
}

/**
 * A VPC origin is replaced create-before-destroy by design: the new origin exists and the
 * distribution points at it before the old one is deleted (CloudFront refuses to update an origin
 * in use), so CloudFront never loses its path to the ALB.
 */
function isSafeReplacement(type: string, actions: readonly string[]): boolean {
  return type === 'aws_cloudfront_vpc_origin' && actions.length === 2 && actions[0] === 'create' && actions[1] === 'delete';
}

/** Evaluates the gate on `terraform show -json` of a plan. */
export function evaluateGate(plan: PlanChanges, overrides: readonly GateOverride[] = []): GateResult {
  const offenders: GateOffender[] = [];
  const overridden: (GateOffender & { reason: string })[] = [];
  const safeReplacements: string[] = [];
  for (const rc of plan.resource_changes ?? []) {
    const actions = rc.change.actions;
    const what = PROTECTED_TYPES[rc.type];
    if (!what || !actions.includes('delete')) continue;
    if (isSafeReplacement(rc.type, actions)) {
      safeReplacements.push(rc.address);
      continue;
    }
    const verb = actions.includes('create') ? 'replace' : 'destroy';
    const paths = (rc.change.replace_paths ?? []).map((p) => p.map(String).join('.'));
    const offender: GateOffender = {
      address: rc.address,
      type: rc.type,
      actions,
      line: `${rc.address}: the plan would ${verb} ${what}${paths.length > 0 ? ` (forced by ${paths.join(', ')})` : ''}`,
    };
    const override = overrides.find((o) => o.address === rc.address);
    if (override) overridden.push({ ...offender, reason: override.reason });
    else offenders.push(offender);
  }
  return { offenders, overridden, safeReplacements };
}

/** Minimum length of an override's reason. */
export const MIN_OVERRIDE_REASON_LENGTH = 10;

/** Parses `--allow-replace <address>=<reason>` arguments; throws naming the bad one. */
export function parseOverrides(args: readonly string[]): GateOverride[] {
  const overrides: GateOverride[] = [];
  args.forEach((arg, i) => {
    if (arg !== '--allow-replace') return;
    const value = args[i + 1] ?? '';
    const eq = value.indexOf('=');
    const address = eq > 0 ? value.slice(0, eq) : '';
    const reason = eq > 0 ? value.slice(eq + 1).trim() : '';
    if (!address || reason.length < MIN_OVERRIDE_REASON_LENGTH) {
      throw new Error(
        `--allow-replace takes <address>=<reason> with a reason of at least ${MIN_OVERRIDE_REASON_LENGTH} characters (got ${JSON.stringify(value)})`,
      );
    }
    overrides.push({ address, reason });
  });
  return overrides;
}

/** Markdown for the summary: what the gate refused, let through, and what it found safe. */
export function renderGate(stack: string, gate: GateResult): string {
  const lines = [`#### Safety gate: ${stack}`, ''];
  if (gate.offenders.length === 0) lines.push('Passed: nothing protected is destroyed or replaced.', '');
  else {
    lines.push(`**FAILED: ${gate.offenders.length} protected resource(s) would be destroyed or replaced:**`, '');
    for (const o of gate.offenders) lines.push(`- ${o.line}`);
    lines.push('', 'Change the configuration, or pass `--allow-replace <address>=<reason>` if this is intended.', '');
  }
  for (const o of gate.overridden) lines.push(`- Allowed by override: ${o.line} — reason: ${o.reason}`);
  for (const a of gate.safeReplacements) lines.push(`- Replaced create-before-destroy (by design, no gap): \`${a}\``);
  return `${lines.join('\n').trimEnd()}\n`;
}
