import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthForEmulator } from '../../../scripts/lib/local-stacks';

let outdir: string;
beforeEach(() => (outdir = mkdtempSync(join(tmpdir(), 'local-stacks-'))));
afterEach(() => rmSync(outdir, { recursive: true, force: true }));

describe('stacks for an emulator', () => {
  test('GIVEN no environment named THEN the first greenfield one is synthesized, for the emulator', () => {
    const synth = synthForEmulator({ outdir });
    expect(synth.env.name).toBe('dev');
    const provider = (
      JSON.parse(readFileSync(join(synth.deliveryDir, 'cdk.tf.json'), 'utf8')) as { provider: { aws: { max_retries?: number }[] } }
    ).provider.aws[0];
    expect(provider?.max_retries).toBe(2);
  });

  test('GIVEN an environment that references existing resources AND a fresh emulator THEN it is refused, naming AWS_ENDPOINT_URL', () => {
    expect(() => synthForEmulator({ outdir, environment: 'production' })).toThrow(
      /No greenfield environment named "production" to deploy to the emulator \(greenfield environments: dev\)\. .*set AWS_ENDPOINT_URL/,
    );
  });

  test('GIVEN an external emulator THEN any environment is synthesized, with its adoptions', () => {
    const synth = synthForEmulator({ outdir, environment: 'production', external: true });
    expect(synth.env.name).toBe('production');
    expect(synth.adoptions.map((a) => a.key)).toContain('ecsService');
    const json = JSON.parse(readFileSync(join(synth.deliveryDir, 'cdk.tf.json'), 'utf8')) as { import?: unknown[] };
    expect(json.import).toHaveLength(synth.adoptions.length);
  });
});
