/**
 * {@link runTerraformWithProgress}: `terraform plan|apply|destroy` with live progress instead of
 * minutes of silence. On a terminal, one line redrawn every second (changes done / total,
 * elapsed time, what is still waiting); elsewhere (CI logs), a plain line every 15 s. At the end
 * Terraform's summary and its warnings; on failure, every error in full, as Terraform words it.
 * Used by deploy:local, destroy:local and plan; any script driving Terraform can use it.
 */
import { renderErrors, renderProgressLine, renderWarnings, parseUiLine, TerraformProgress, formatSeconds } from './terraform-progress';
import { runTerraform, type RunTerraformOptions, type TerraformResult } from './terraform';

/** Where and how often progress is shown. */
export interface ProgressOptions {
  /** Names the run in every line, e.g. `apply delivery-dev`. */
  readonly label: string;
  /** @default process.stderr */
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Redraw the terminal line this often. @default 1000 */
  readonly ttyIntervalMs?: number;
  /** Print a plain line this often when the stream is not a terminal. @default 15000 */
  readonly plainIntervalMs?: number;
  /** Clock (ms), for tests. @default Date.now */
  readonly now?: () => number;
}

/** Writes the progress of one run to a stream: a redrawn line on a TTY, periodic plain lines otherwise. */
export class ProgressReporter {
  public readonly progress: TerraformProgress;
  private readonly stream: NonNullable<ProgressOptions['stream']>;
  private readonly now: () => number;
  private readonly tty: boolean;
  private timer: NodeJS.Timeout | undefined;
  private drawn = false;

  public constructor(private readonly options: ProgressOptions) {
    this.stream = options.stream ?? process.stderr;
    this.now = options.now ?? Date.now;
    this.tty = this.stream.isTTY === true;
    this.progress = new TerraformProgress(this.now());
  }

  /** Shows the first line and starts the timer. */
  public start(): void {
    if (this.tty) this.draw();
    else this.stream.write(`${this.options.label}: started\n`);
    const interval = this.tty ? (this.options.ttyIntervalMs ?? 1000) : (this.options.plainIntervalMs ?? 15_000);
    this.timer = setInterval(() => (this.tty ? this.draw() : this.printLine()), interval);
    this.timer.unref();
  }

  /** Feeds one line of Terraform's stdout. */
  public line(text: string): void {
    const message = parseUiLine(text);
    if (message) this.progress.consume(message, this.now());
  }

  /** Stops the timer and prints the outcome: Terraform's summary and warnings (errors go into the thrown message). */
  public finish(succeeded: boolean): void {
    if (this.timer) clearInterval(this.timer);
    this.clear();
    const snapshot = this.progress.snapshot(this.now());
    const took = formatSeconds(snapshot.elapsedSeconds);
    const outcome = succeeded
      ? (snapshot.summary ?? 'done')
      : `failed (${snapshot.done}/${snapshot.total} done${snapshot.failed > 0 ? `, ${snapshot.failed} failed` : ''})`;
    this.stream.write(`${this.options.label}: ${outcome} in ${took}\n`);
    for (const warning of renderWarnings(this.progress.diagnostics)) this.stream.write(`  ${warning}\n`);
  }

  private printLine(): void {
    this.stream.write(`${renderProgressLine(this.options.label, this.progress.snapshot(this.now()), { shown: 3 })}\n`);
  }

  private draw(): void {
    const columns = this.stream.columns !== undefined && this.stream.columns > 0 ? this.stream.columns : 100;
    const width = Math.max(20, columns - 1);
    this.stream.write(`\r\u001b[K${renderProgressLine(this.options.label, this.progress.snapshot(this.now()), { width })}`);
    this.drawn = true;
  }

  private clear(): void {
    if (this.tty && this.drawn) this.stream.write('\r\u001b[K');
    this.drawn = false;
  }
}

/**
 * {@link runTerraform} with `-json` added and its messages turned into progress (see the module
 * comment). Resolves like runTerraform (stdout holds the JSON lines); rejects with a
 * TerraformCommandError whose message holds every error diagnostic in full.
 */
export async function runTerraformWithProgress(
  args: string[],
  opts: RunTerraformOptions,
  progress: ProgressOptions,
): Promise<TerraformResult> {
  const reporter = new ProgressReporter(progress);
  const withJson = args.includes('-json') ? args : [...args.filter((a) => a !== '-no-color'), '-json'];
  reporter.start();
  try {
    const result = await runTerraform(withJson, {
      ...opts,
      onStdoutLine: (line) => {
        reporter.line(line);
        opts.onStdoutLine?.(line);
      },
      failureDetail: (stdout, stderr) => failureText(reporter.progress, stdout, stderr),
    });
    reporter.finish(true);
    return result;
  } catch (err) {
    reporter.finish(false);
    throw err;
  }
}

/** The errors Terraform reported, then any output that was not a UI message (early CLI errors are plain text). */
function failureText(progress: TerraformProgress, stdout: string, stderr: string): string | undefined {
  const plain = stdout
    .split('\n')
    .filter((l) => l.trim() !== '' && parseUiLine(l) === undefined)
    .join('\n');
  const parts = [renderErrors(progress.diagnostics), plain.trim(), stderr.trim()].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}
