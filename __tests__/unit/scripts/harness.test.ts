/**
 * Proves the scripts/lib harness: CLI config generation, prerequisite checks,
 * and the emulator's start-up errors. The full deploy cycle is in emulator-cycle.test.ts.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { emulatorAccount, emulatorAwsEnv, startEmulator } from '../../../scripts/lib/emulator';
import {
  findCommand,
  initOnce,
  MissingPrerequisiteError,
  requireCommand,
  terraformCliConfig,
  terraformEnv,
} from '../../../scripts/lib/terraform';

const tempDirs: string[] = [];

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Runs `fn` with env `name` set to `value` (or unset when undefined), restoring it afterwards. */
function withEnv<T>(name: string, value: string | undefined, fn: () => T): T {
  const previous = process.env[name];
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  try {
    return fn();
  } finally {
    if (previous === undefined) delete process.env[name];
    else process.env[name] = previous;
  }
}

/** Tests that need a real moto_server, on loopback (it answers in about a second): they run under CI=true. */
const withMoto = findCommand('moto_server') || process.env.CI === 'true' ? test : test.skip;

/** A placeholder signature: the emulator routes by the credential scope and does not verify it. */
const S3_AUTH = 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0';

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('terraformCliConfig', () => {
  test('writes a filesystem_mirror block when TF_PROVIDER_MIRROR is set', () => {
    const dir = tempDir('harness-cli-');
    const cache = path.join(dir, 'cache');
    const file = withEnv('TF_PROVIDER_MIRROR', '/opt/some-mirror', () => terraformCliConfig({ dir, pluginCacheDir: cache }));
    const hcl = fs.readFileSync(file, 'utf8');
    expect(path.dirname(file)).toBe(path.resolve(dir));
    expect(hcl).toMatch(/filesystem_mirror\s*{\s*path\s*=\s*"\/opt\/some-mirror"\s*include\s*=\s*\["registry\.terraform\.io\/\*\/\*"\]/);
    expect(hcl).toMatch(/direct\s*{\s*exclude\s*=\s*\["registry\.terraform\.io\/\*\/\*"\]\s*}/);
    expect(hcl).toContain(`plugin_cache_dir = ${JSON.stringify(cache)}`);
    expect(hcl).toContain('plugin_cache_may_break_dependency_lock_file = true');
    expect(fs.statSync(cache).isDirectory()).toBe(true);
  });

  test('uses plain direct {} installation when TF_PROVIDER_MIRROR is unset', () => {
    const dir = tempDir('harness-cli-');
    const file = withEnv('TF_PROVIDER_MIRROR', undefined, () =>
      withEnv('TF_PLUGIN_CACHE_DIR', path.join(dir, 'env-cache'), () => terraformCliConfig({ dir })),
    );
    const hcl = fs.readFileSync(file, 'utf8');
    expect(hcl).not.toContain('filesystem_mirror');
    expect(hcl).toMatch(/provider_installation\s*{\s*direct\s*{}\s*}/);
    expect(hcl).toContain(`plugin_cache_dir = ${JSON.stringify(path.join(dir, 'env-cache'))}`);
  });

  test('terraformEnv points TF_CLI_CONFIG_FILE at a written config and disables prompts/checkpoint', () => {
    const dir = tempDir('harness-env-');
    const env = terraformEnv({ EXTRA_VAR: 'x' }, { configDir: dir });
    expect(env.TF_CLI_CONFIG_FILE).toBe(path.join(dir, 'terraform.rc'));
    expect(fs.existsSync(env.TF_CLI_CONFIG_FILE ?? '')).toBe(true);
    expect(env).toMatchObject({ CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0', EXTRA_VAR: 'x' });
  });
});

describe('terraformEnv: the Go garbage collector', () => {
  test('GIVEN no GOGC or GOMEMLIMIT in the environment THEN terraform and its provider collect less often, within 2 GiB', () => {
    const env = terraformEnv({}, { configDir: tempDir('tfenv-gc-'), mirror: '', base: { PATH: '/usr/bin' } });
    expect({ GOGC: env.GOGC, GOMEMLIMIT: env.GOMEMLIMIT }).toEqual({ GOGC: '800', GOMEMLIMIT: '2GiB' });
  });

  test("GIVEN the caller's own GOGC and GOMEMLIMIT THEN they are kept", () => {
    const env = terraformEnv({}, { configDir: tempDir('tfenv-gc-'), mirror: '', base: { GOGC: '100', GOMEMLIMIT: '512MiB' } });
    expect({ GOGC: env.GOGC, GOMEMLIMIT: env.GOMEMLIMIT }).toEqual({ GOGC: '100', GOMEMLIMIT: '512MiB' });
  });
});

describe('requireCommand', () => {
  test('throws a one-line MissingPrerequisiteError for a missing binary', () => {
    const name = 'definitely-not-installed-binary-7f3a';
    let caught: unknown;
    try {
      requireCommand(name, 'install it with `apt-get install nothing`');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MissingPrerequisiteError);
    const message = (caught as Error).message;
    expect(message).toBe(`${name} not found on PATH: install it with \`apt-get install nothing\``);
    expect(message).not.toContain('\n');
  });

  test('returns the absolute path of a binary on PATH', () => {
    expect(requireCommand('node', 'install Node.js')).toBe(findCommand('node'));
    expect(path.isAbsolute(requireCommand('node', 'install Node.js'))).toBe(true);
  });

  test('does not interpret shell syntax in the name', () => {
    expect(() => requireCommand('node; echo pwned', 'n/a')).toThrow(MissingPrerequisiteError);
  });
});

describe('startEmulator', () => {
  test('throws a one-line MissingPrerequisiteError when moto_server is missing', async () => {
    const previous = process.env.AWS_ENDPOINT_URL;
    delete process.env.AWS_ENDPOINT_URL;
    try {
      await expect(startEmulator({ binary: 'moto_server_missing_7f3a' })).rejects.toThrow(
        new MissingPrerequisiteError('moto_server_missing_7f3a not found on PATH: pip install "moto[server]"'),
      );
    } finally {
      if (previous !== undefined) process.env.AWS_ENDPOINT_URL = previous;
    }
  });

  test('emulatorAwsEnv targets the endpoint with fake credentials', () => {
    expect(emulatorAwsEnv('http://127.0.0.1:1234')).toMatchObject({
      AWS_ENDPOINT_URL: 'http://127.0.0.1:1234',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_MAX_ATTEMPTS: '2',
    });
  });
});

describe('startEmulator: the account', () => {
  withMoto(
    "GIVEN an environment's account WHEN the emulator starts THEN it answers as that account, not moto's default 123456789012",
    async () => {
      const previous = process.env.AWS_ENDPOINT_URL;
      delete process.env.AWS_ENDPOINT_URL;
      const emulator = await startEmulator({ accountId: '296674251987' });
      try {
        expect(await emulatorAccount(emulator.endpoint)).toBe('296674251987');

        // An emulator given by AWS_ENDPOINT_URL that answers as another account is refused, saying how to fix it.
        process.env.AWS_ENDPOINT_URL = emulator.endpoint;
        await expect(startEmulator({ accountId: '210987654321' })).rejects.toThrow(
          /answers as account 296674251987, but the environment is in account 210987654321 .*MOTO_ACCOUNT_ID=210987654321/,
        );
      } finally {
        await emulator.stop();
        if (previous !== undefined) process.env.AWS_ENDPOINT_URL = previous;
        else delete process.env.AWS_ENDPOINT_URL;
      }
    },
    60_000,
  );
});

describe('startEmulator: the port', () => {
  withMoto(
    'GIVEN another server already answering /moto-api/ on the port WHEN the emulator is started there THEN it fails naming the port in use instead of using that server',
    async () => {
      const foreign = http.createServer((_req, res) => res.end('{}'));
      await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
      const { port } = foreign.address() as AddressInfo;
      const previous = process.env.AWS_ENDPOINT_URL;
      delete process.env.AWS_ENDPOINT_URL;
      try {
        await expect(startEmulator({ port })).rejects.toThrow(
          new RegExp(`moto_server on port ${port} exited .*\\(address already in use\\)`),
        );
      } finally {
        foreign.close();
        if (previous !== undefined) process.env.AWS_ENDPOINT_URL = previous;
      }
    },
    60_000,
  );

  withMoto(
    'GIVEN no port WHEN two emulators start at once THEN each is its own moto_server on the port it bound',
    async () => {
      const previous = process.env.AWS_ENDPOINT_URL;
      delete process.env.AWS_ENDPOINT_URL;
      const started = await Promise.all([startEmulator(), startEmulator()]);
      try {
        const [a, b] = started;
        expect(a!.port).not.toBe(b!.port);
        expect(a!.endpoint).toBe(`http://127.0.0.1:${a!.port}`);
        // Each answers with its own state: a bucket made in one is not in the other.
        await fetch(`${a!.endpoint}/only-in-a`, { method: 'PUT', headers: { Authorization: S3_AUTH } });
        const inA = await fetch(`${a!.endpoint}/only-in-a`, { method: 'HEAD', headers: { Authorization: S3_AUTH } });
        const inB = await fetch(`${b!.endpoint}/only-in-a`, { method: 'HEAD', headers: { Authorization: S3_AUTH } });
        expect([inA.status, inB.status]).toEqual([200, 404]);
      } finally {
        for (const e of started) await e.stop();
        if (previous !== undefined) process.env.AWS_ENDPOINT_URL = previous;
      }
    },
    60_000,
  );

  withMoto(
    'GIVEN a log file that an earlier emulator wrote to WHEN another starts with it THEN it answers on the port its own moto_server bound',
    async () => {
      const log = path.join(tempDir('moto-log-'), 'moto.log');
      const previous = process.env.AWS_ENDPOINT_URL;
      delete process.env.AWS_ENDPOINT_URL;
      try {
        const earlier = await startEmulator({ persistLogFile: log });
        await earlier.stop();
        const later = await startEmulator({ persistLogFile: log });
        try {
          expect(later.port).not.toBe(earlier.port);
          expect((await fetch(`${later.endpoint}/moto-api/`)).status).toBe(200);
        } finally {
          await later.stop();
        }
        expect(fs.readFileSync(log, 'utf8').match(/Running on/g)).toHaveLength(2);
      } finally {
        if (previous !== undefined) process.env.AWS_ENDPOINT_URL = previous;
      }
    },
    60_000,
  );
});

describe('initOnce lock', () => {
  // The shared plugin cache is guarded by a lock directory; a process killed mid-init leaves it.
  const withTerraform = findCommand('terraform') || process.env.CI === 'true' ? test : test.skip;

  withTerraform(
    'a lock left by a process that no longer exists is broken, and init runs',
    async () => {
      const dir = tempDir('harness-lock-');
      const cache = path.join(dir, 'cache');
      fs.mkdirSync(path.join(cache, '.init.lock'), { recursive: true });
      fs.writeFileSync(path.join(cache, '.init.lock', 'pid'), '2147483646'); // no such process
      fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ terraform: {} }));
      const env = terraformEnv({ TF_PLUGIN_CACHE_DIR: cache }, { configDir: dir, mirror: '' });

      const result = await initOnce(dir, { env });

      expect(result.code).toBe(0);
      expect(fs.existsSync(path.join(cache, '.init.lock'))).toBe(false);
    },
    90_000,
  );
});
