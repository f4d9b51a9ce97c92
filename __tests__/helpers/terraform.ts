/**
 * Shared set-up of the Terraform rungs: the CLI config (provider mirror when one is given or
 * found, one shared plugin cache), and the skip rule — missing terraform or moto_server skips
 * with the reason printed, except under CI=true, where it fails.
 */
import { emulatorTerraformEnv } from '../../scripts/lib/emulator';
import { findCommand, projectTerraformEnv } from '../../scripts/lib/terraform';

/** Terraform's environment for tests; `extra` on top (e.g. the emulator's AWS variables). */
export const testTerraformEnv = projectTerraformEnv;

/** Terraform's environment against an emulator endpoint (provider and S3 backend). */
export { emulatorTerraformEnv };
/**
 * `test`, or `test.skip` with the reason printed when a prerequisite is missing outside CI.
 * Under CI=true the test always runs, so a missing tool fails it instead of hiding it.
 */
export function testRequiring(commands: readonly string[]): jest.It {
  const missing = commands.filter((c) => !findCommand(c));
  if (missing.length === 0 || process.env.CI === 'true') return test;
  console.warn(`skipping: ${missing.join(', ')} not on PATH (install: terraform from HashiCorp, pip install "moto[server]")`);
  return test.skip;
}
