/**
 * Rung 2: every synthesized stack — every environment, for AWS and for the emulator — passes
 * `terraform validate` with the real hashicorp/aws provider. The S3 backend is not initialized
 * (-backend=false): validation needs no state. All stacks share one plugin cache.
 */
import { App } from 'cdktf';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAllEnvironments } from '../../config/load';
import { buildApp } from '../../stacks/app';
import { runsOnEmulator } from '../../stacks/deploy-target';
import { initOnce, runTerraform } from '../../scripts/lib/terraform';
import { testRequiring, testTerraformEnv } from '../helpers/terraform';

const work = mkdtempSync(join(tmpdir(), 'validate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function synthAll(target: 'aws' | 'emulator'): string[] {
  const outdir = join(work, target);
  const app = new App({ outdir });
  const environments = loadAllEnvironments().filter((e) => target === 'aws' || runsOnEmulator(e));
  buildApp(app, environments, { target });
  app.synth();
  return readdirSync(join(outdir, 'stacks')).map((s) => join(outdir, 'stacks', s));
}

const stacks = [...synthAll('aws').map((dir) => ['aws', dir]), ...synthAll('emulator').map((dir) => ['emulator', dir])];
const it = testRequiring(['terraform']);

describe('terraform validate', () => {
  test('every environment produced stacks to validate', () => {
    expect(stacks.map(([target, dir]) => `${target}/${dir!.split('/').pop()}`).sort()).toEqual([
      'aws/delivery-dev',
      'aws/delivery-production',
      'aws/state-bootstrap-dev',
      'aws/state-bootstrap-production',
      'emulator/delivery-dev',
      'emulator/state-bootstrap-dev',
    ]);
  });

  it.each(stacks)(
    '%s stack %s is valid Terraform',
    async (_target, dir) => {
      const env = testTerraformEnv();
      await initOnce(dir!, { env });
      const result = await runTerraform(['validate', '-json', '-no-color'], { cwd: dir!, env, allowExitCodes: [0, 1] });
      const report = JSON.parse(result.stdout) as { valid: boolean; diagnostics: { severity: string; summary: string; detail?: string }[] };
      expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(report.valid).toBe(true);
    },
    180_000,
  );
});
