/**
 * The commands the rehearsal's estate is built with: the architecture document's own `aws` CLI
 * commands (run as written), and the distribution the document describes.
 */
import { spawn } from 'node:child_process';

/** How many CloudFront ranges the document's loop added before the 60-rule quota stopped it. */
export const SEED_CLOUDFRONT_RULES = 58;

/** Runs one of the architecture document's commands with the real aws CLI against `endpoint`. */
export function documentCommand(endpoint: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('aws', ['--endpoint-url', endpoint, '--output', 'json', ...args], {
      env: { ...process.env, AWS_PAGER: '', AWS_DEFAULT_REGION: 'us-east-1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`aws ${args.join(' ')} exited ${code}: ${err.trim()}`))));
  });
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
