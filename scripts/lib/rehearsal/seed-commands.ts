/**
 * The commands the rehearsal's estate is built with: the architecture document's own `aws` CLI
 * commands (run as written), and the distribution the document describes.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../terraform';

/** How many CloudFront ranges the document's loop added before the 60-rule quota stopped it. */
export const SEED_CLOUDFRONT_RULES = 58;

const cliEnv = (): NodeJS.ProcessEnv => ({ ...process.env, AWS_PAGER: '', AWS_DEFAULT_REGION: 'us-east-1' });

/** What one CLI command printed, and its exit code. */
interface CliOutcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, argv: readonly string[], input?: string): Promise<CliOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { env: cliEnv(), stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (input !== undefined) child.stdin!.end(input);
  });
}

const cliArgs = (endpoint: string, args: readonly string[]) => ['--endpoint-url', endpoint, '--output', 'json', ...args];

function outputOf(args: readonly string[], outcome: CliOutcome): string {
  if (outcome.code !== 0) throw new Error(`aws ${args.join(' ')} exited ${outcome.code}: ${outcome.stderr.trim()}`);
  return outcome.stdout;
}

/** Runs one of the architecture document's commands with the real aws CLI against `endpoint`. */
export async function documentCommand(endpoint: string, args: readonly string[]): Promise<string> {
  return outputOf(args, await run('aws', cliArgs(endpoint, args)));
}

/**
 * Runs several of the document's commands, in order, with the real aws CLI, and returns what each
 * printed. The CLI (awscli's driver) is started once for all of them when `python3` can import it
 * (scripts/lib/rehearsal/aws-cli-batch.py): starting it costs most of a second of CPU per command.
 * Otherwise (e.g. the CLI v2 binary) `aws` runs once per command, `parallel` at a time.
 */
export async function documentCommands(endpoint: string, commands: readonly (readonly string[])[], parallel = 6): Promise<string[]> {
  const batch = await run(
    'python3',
    [join(repoRoot(), 'scripts', 'lib', 'rehearsal', 'aws-cli-batch.py')],
    JSON.stringify(commands.map((args) => cliArgs(endpoint, args))),
  ).catch(() => undefined);
  if (batch?.code === 0) {
    const outcomes = JSON.parse(batch.stdout) as CliOutcome[];
    return outcomes.map((outcome, i) => outputOf(commands[i]!, outcome));
  }
  const outputs: string[] = new Array<string>(commands.length);
  await inParallel(
    commands.map((args, i) => async () => {
      outputs[i] = await documentCommand(endpoint, args);
    }),
    parallel,
  );
  return outputs;
}

/** Runs `jobs` with at most `limit` at a time. */
export async function inParallel(jobs: readonly (() => Promise<unknown>)[], limit: number): Promise<void> {
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await job();
    }),
  );
}

/** 58 distinct /24 ranges standing in for CloudFront's published ones (data only, no traffic). */
export function cloudFrontRanges(): string[] {
  return Array.from({ length: SEED_CLOUDFRONT_RULES }, (_, i) => `13.${32 + Math.floor(i / 16)}.${(i % 16) * 16}.0/24`);
}

/** The distribution the document describes: the ALB as an HTTP-only custom origin, nothing cached. */
export function distributionConfig(reference: string, originDomain: string, comment: string) {
  const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'OPTIONS', 'DELETE'];
  return {
    CallerReference: reference,
    Comment: comment,
    Enabled: true,
    IsIPV6Enabled: true,
    PriceClass: 'PriceClass_All' as const,
    HttpVersion: 'http2' as const,
    Origins: {
      Quantity: 1,
      Items: [
        {
          Id: 'fintech-alb',
          DomainName: originDomain,
          CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'http-only' as const },
        },
      ],
    },
    DefaultCacheBehavior: {
      TargetOriginId: 'fintech-alb',
      ViewerProtocolPolicy: 'redirect-to-https' as const,
      AllowedMethods: {
        Quantity: 7,
        Items: methods as ('GET' | 'HEAD')[],
        CachedMethods: { Quantity: 2, Items: ['GET', 'HEAD'] as ('GET' | 'HEAD')[] },
      },
      ForwardedValues: { QueryString: true, Cookies: { Forward: 'none' as const } },
      MinTTL: 0,
      DefaultTTL: 0,
      MaxTTL: 0,
    },
    ViewerCertificate: { CloudFrontDefaultCertificate: true },
  };
}
