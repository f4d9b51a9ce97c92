/**
 * Progress of a Terraform run from its machine-readable UI output (`-json`): what is done, what
 * is still waiting and for how long, and the diagnostics, rendered as Terraform words them.
 * Pure: {@link TerraformProgress} is fed the parsed lines and asked for a snapshot at a given
 * time; writing it to a terminal or a CI log is terraform-progress-run.ts.
 *
 * Message types (Terraform's "machine-readable UI", ui 1.2): `planned_change`, `change_summary`,
 * `apply_start` / `apply_progress` / `apply_complete` / `apply_errored` (data source reads carry
 * action `read`), `refresh_start` / `refresh_complete`, `diagnostic`.
 */

/** The resource a hook message is about. */
interface HookResource {
  readonly addr: string;
}

/** One diagnostic, as `terraform -json` reports it. */
export interface TerraformDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  readonly address?: string;
  readonly range?: { readonly filename: string; readonly start: { readonly line: number } };
  readonly snippet?: { readonly context?: string | null; readonly code: string; readonly start_line: number };
}

/** The subset of a machine-readable UI message this module reads. */
export interface TerraformUiMessage {
  readonly type: string;
  readonly '@message': string;
  readonly '@timestamp': string;
  readonly hook?: { readonly resource?: HookResource; readonly action?: string; readonly elapsed_seconds?: number };
  readonly change?: { readonly resource?: HookResource; readonly action?: string };
  readonly changes?: { readonly operation?: string };
  readonly diagnostic?: TerraformDiagnostic;
}

/** Parses one line of `terraform -json` output; undefined for anything else (blank, plain text). */
export function parseUiLine(line: string): TerraformUiMessage | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(trimmed) as Partial<TerraformUiMessage>;
    return typeof parsed.type === 'string' && typeof parsed['@timestamp'] === 'string' ? (parsed as TerraformUiMessage) : undefined;
  } catch {
    return undefined;
  }
}

/** A resource Terraform is working on. */
export interface WaitingResource {
  readonly address: string;
  readonly action: string;
  readonly seconds: number;
}

/** Where a run is, at one moment. */
export interface ProgressSnapshot {
  /** `planning` (refresh, data sources, the plan) until the first change is applied, then `applying`. */
  readonly phase: 'planning' | 'applying';
  /** Resources read back so far (refreshes and data sources). */
  readonly read: number;
  /** Changes the plan holds (known once the plan is made; 0 before). */
  readonly total: number;
  /** Changes applied. */
  readonly done: number;
  /** Changes that failed. */
  readonly failed: number;
  /** What Terraform is waiting on, longest first. */
  readonly waiting: readonly WaitingResource[];
  readonly elapsedSeconds: number;
  /** Terraform's own summary line once it has one ("Apply complete! Resources: ..."). */
  readonly summary?: string;
}

const CHANGE_ACTIONS = new Set(['create', 'update', 'delete', 'replace', 'move', 'import', 'forget']);

/** Accumulates the messages of one run. */
export class TerraformProgress {
  private readonly planned = new Set<string>();
  private readonly completed = new Set<string>();
  private readonly errored = new Set<string>();
  private readonly inFlight = new Map<string, { action: string; since: number }>();
  private readonly diagnosticList: TerraformDiagnostic[] = [];
  private readCount = 0;
  private applying = false;
  private startedAt: number | undefined;
  private summaryLine: string | undefined;

  /** @param startedAt when the run started (ms); defaults to the first message's time */
  public constructor(startedAt?: number) {
    this.startedAt = startedAt;
  }

  /**
   * @param at when the message arrived (ms); defaults to its own timestamp. A live run passes
   *   the clock it reads snapshots with, so waits are measured on one clock.
   */
  public consume(message: TerraformUiMessage, at: number = Date.parse(message['@timestamp'])): void {
    this.startedAt ??= at;
    const address = message.hook?.resource?.addr ?? message.change?.resource?.addr;
    const action = message.hook?.action ?? message.change?.action ?? '';
    switch (message.type) {
      case 'planned_change':
        if (address && CHANGE_ACTIONS.has(action)) this.planned.add(address);
        break;
      case 'refresh_start':
        if (address) this.inFlight.set(address, { action: 'read', since: at });
        break;
      case 'refresh_complete':
        if (address) this.inFlight.delete(address);
        this.readCount++;
        break;
      case 'apply_start':
        if (!address) break;
        if (action !== 'read') this.applying = true;
        this.completed.delete(address);
        this.inFlight.set(address, { action, since: at });
        break;
      case 'apply_complete':
        if (!address) break;
        this.inFlight.delete(address);
        if (action === 'read') this.readCount++;
        else this.completed.add(address);
        break;
      case 'apply_errored':
        if (!address) break;
        this.inFlight.delete(address);
        this.errored.add(address);
        break;
      case 'change_summary':
        this.summaryLine = message['@message'];
        break;
      case 'diagnostic':
        if (message.diagnostic) this.diagnosticList.push(message.diagnostic);
        break;
      default:
        break;
    }
  }

  public snapshot(now: number): ProgressSnapshot {
    const waiting = [...this.inFlight.entries()]
      .map(([address, { action, since }]) => ({ address, action, seconds: Math.max(0, Math.floor((now - since) / 1000)) }))
      .sort((a, b) => b.seconds - a.seconds || (a.address < b.address ? -1 : 1));
    return {
      phase: this.applying ? 'applying' : 'planning',
      read: this.readCount,
      total: this.planned.size,
      done: [...this.completed].filter((a) => this.planned.has(a)).length,
      failed: this.errored.size,
      waiting,
      elapsedSeconds: this.startedAt === undefined ? 0 : Math.max(0, Math.floor((now - this.startedAt) / 1000)),
      ...(this.summaryLine !== undefined ? { summary: this.summaryLine } : {}),
    };
  }

  public get diagnostics(): readonly TerraformDiagnostic[] {
    return this.diagnosticList;
  }
}

/** `95` → `1m35s`, `7` → `7s`. */
export function formatSeconds(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}

/** A resource address without cdktf's hash suffix: `aws_db_instance.data_db_0EABCE7B` → `aws_db_instance.data_db`. */
export function shortAddress(address: string): string {
  return address.replace(/_[0-9A-F]{8}(?=$|\[)/, '');
}

/**
 * One line: `apply delivery-dev: 42/87 done, 1m12s; waiting on aws_db_instance.data_db (51s),
 * aws_lb.load-balancer_alb (40s) +3 more`. Cut to `width` characters when given.
 */
export function renderProgressLine(label: string, s: ProgressSnapshot, options: { width?: number; shown?: number } = {}): string {
  const failed = s.failed > 0 ? `, ${s.failed} failed` : '';
  const started = s.phase === 'applying' || s.total > 0 || s.read > 0 || s.waiting.length > 0;
  const counts = !started
    ? 'starting (terraform and the provider load)'
    : s.phase === 'applying' || s.total > 0
      ? `${s.done}/${s.total} done${failed}`
      : `${s.read} read${failed}`;
  const shown = options.shown ?? 2;
  const names = s.waiting.slice(0, shown).map((w) => `${shortAddress(w.address)} (${formatSeconds(w.seconds)})`);
  const more = s.waiting.length > shown ? ` +${s.waiting.length - shown} more` : '';
  const waiting = names.length > 0 ? `; waiting on ${names.join(', ')}${more}` : '';
  const line = `${label}: ${counts}, ${formatSeconds(s.elapsedSeconds)}${waiting}`;
  const width = options.width;
  return width !== undefined && width > 1 && line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

/** A diagnostic as Terraform prints it: severity and summary, where, the code, the detail. */
export function renderDiagnostic(d: TerraformDiagnostic): string {
  const lines = [`${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.summary}`];
  const where: string[] = [];
  if (d.address) where.push(`  with ${d.address},`);
  if (d.range) {
    where.push(`  on ${d.range.filename} line ${d.range.start.line}${d.snippet?.context ? `, in ${d.snippet.context}` : ''}:`);
    if (d.snippet) d.snippet.code.split('\n').forEach((code, i) => where.push(`  ${d.snippet!.start_line + i}: ${code}`));
  }
  if (where.length > 0) lines.push('', ...where);
  if (d.detail) lines.push('', d.detail);
  return lines.join('\n');
}

/** Every error diagnostic, rendered, one blank line apart; undefined when there is none. */
export function renderErrors(diagnostics: readonly TerraformDiagnostic[]): string | undefined {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return errors.length > 0 ? errors.map(renderDiagnostic).join('\n\n') : undefined;
}

/** Each distinct warning on one line: `Warning: <summary> (<address>): <detail>`. */
export function renderWarnings(diagnostics: readonly TerraformDiagnostic[]): string[] {
  const lines = diagnostics
    .filter((d) => d.severity === 'warning')
    .map((d) => `Warning: ${d.summary}${d.address ? ` (${d.address})` : ''}${d.detail ? `: ${d.detail.replace(/\s+/g, ' ').trim()}` : ''}`);
  return lines.filter((l, i) => lines.indexOf(l) === i);
}
