/**
 * The account of an environment, on the local emulator: the provider pins `allowed_account_ids`
 * to the environment file's account, and the emulator is started as that account — so `dev` with
 * any account (not only moto's default, AWS's example account 123456789012) plans there, and a
 * mismatch is refused exactly as AWS would refuse it.
 */
import { App } from 'cdktf';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnvironmentConfig } from '../../config/schema';
import { startEmulator, type Emulator } from '../../scripts/lib/emulator';
import { initOnce, runTerraform } from '../../scripts/lib/terraform';
import { buildApp } from '../../stacks/app';
import { environment } from '../helpers/synth';
import { emulatorTerraformEnv, testRequiring } from '../helpers/terraform';

const it = testRequiring(['terraform', 'moto_server']);
const OTHER_ACCOUNT = '210987654321';

const work = mkdtempSync(join(tmpdir(), 'emulator-account-'));
const emulators: Emulator[] = [];
afterAll(async () => {
  for (const e of emulators) await e.stop();
  rmSync(work, { recursive: true, force: true });
});

/** dev, in another account, synthesized for the emulator with local state; its delivery stack's directory. */
function devInAnotherAccount(): string {
  const env: EnvironmentConfig = { ...environment('dev'), account: OTHER_ACCOUNT };
  const app = new App({ outdir: join(work, 'out') });
  buildApp(app, [env], { target: 'emulator', state: 'local' });
  app.synth();
  return join(work, 'out', 'stacks', 'delivery-dev');
}

const dir = devInAnotherAccount();

async function plan(emulator: Emulator) {
  const env = emulatorTerraformEnv(emulator);
  await initOnce(dir, { backend: true, env });
  return runTerraform(['plan', '-input=false', '-no-color', '-lock=false', '-parallelism=30', '-refresh=false'], {
    cwd: dir,
    env,
    allowExitCodes: [0, 1],
  });
}

describe('dev in an account other than moto default', () => {
  it('GIVEN the emulator started as the environment account WHEN planned THEN the provider accepts it', async () => {
    const previous = process.env.AWS_ENDPOINT_URL;
    delete process.env.AWS_ENDPOINT_URL;
    try {
      const emulator = await startEmulator({ accountId: OTHER_ACCOUNT });
      emulators.push(emulator);
      const result = await plan(emulator);
      expect(result.stderr).not.toMatch(/not allowed/);
      expect(result.code).toBe(0);
    } finally {
      if (previous !== undefined) process.env.AWS_ENDPOINT_URL = previous;
    }
  }, 180_000);

  it('GIVEN an emulator answering as moto default account WHEN planned THEN the provider refuses it, as AWS would refuse a wrong account', async () => {
    const previous = process.env.AWS_ENDPOINT_URL;
    delete process.env.AWS_ENDPOINT_URL;
    try {
      const emulator = await startEmulator();
      emulators.push(emulator);
      const result = await plan(emulator);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/AWS account ID not allowed: 123456789012/);
    } finally {
      if (previous !== undefined) process.env.AWS_ENDPOINT_URL = previous;
    }
  }, 180_000);
});
