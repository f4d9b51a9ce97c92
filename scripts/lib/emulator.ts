/**
 * Local AWS API emulator (moto server) lifecycle for end-to-end tests.
 *
 * {@link startEmulator} reuses an emulator named by env AWS_ENDPOINT_URL or
 * starts `moto_server` on a free loopback port, waits until it answers,
 * and makes moto's simulated state transitions immediate.
 */
import { deployTargetProfile } from '../../stacks/deploy-target';
import { launchMotoProcess } from './moto-process';
import { startStepFunctionsFront } from './step-functions-front';
import { MissingPrerequisiteError, projectTerraformEnv, requireCommand } from './terraform';

export { stopEmulatorProcess } from './moto-process';
export { MissingPrerequisiteError };

/** Install hint used when moto_server is missing. */
export const MOTO_INSTALL_HINT = 'pip install "moto[server]"';

/**
 * moto models (state-manager names) whose default transition is *not*
 * immediate and which only move towards a ready/terminal state, so making
 * them immediate removes artificial "still creating" polls. From moto 5.2's
 * `state_manager.register_default_transition(...)` calls.
 *
 * Deliberately excluded: `ecs::task` (RUNNING -> ... -> STOPPED: immediate
 * would make every task stop at once) and `support::case`.
 */
export const IMMEDIATE_TRANSITION_MODELS: readonly string[] = [
  'cloudfront::distribution', // InProgress -> Deployed (aws_cloudfront_distribution wait_for_deployment)
  'dax::cluster', // creating -> available, deleting -> deleted
  'dms::replicationinstance', // creating -> available
  'dms::connection', // testing -> successful
  'dsql::cluster', // CREATING -> ACTIVE
  'pipes::pipe', // CREATING -> RUNNING, ...
  'glue::crawl', // RUNNING -> COMPLETED
  'batch::job', // SUBMITTED -> ... -> SUCCEEDED
  'transcribe::vocabulary',
  'transcribe::medicalvocabulary',
  'transcribe::transcriptionjob',
  'transcribe::medicaltranscriptionjob',
];

/** A running (or externally provided) emulator. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:43121`. */
  endpoint: string;
  /** TCP port of the endpoint. */
  port: number;
  /** True when this process started the emulator (false for AWS_ENDPOINT_URL). */
  owned: boolean;
  /** PID of the moto_server process this process started (undefined for external emulators). */
  pid?: number;
  /**
   * Where Terraform sends Step Functions requests: this process's front for the emulator (gap
   * sfn-unimplemented-calls), or undefined to send them to `endpoint`.
   */
  stepFunctionsEndpoint?: string;
  /** Clears all emulated resources (`POST /moto-api/reset`) and re-applies transitions. */
  reset(): Promise<void>;
  /** Stops the emulator if this process started it and waits for it to exit; releases it otherwise. */
  stop(): Promise<void>;
  /** Closes what this process added to the emulator (its Step Functions front) and leaves the emulator running. */
  release(): Promise<void>;
  /** Last lines of the emulator's stderr/stdout (empty for external emulators). */
  logTail(lines?: number): string;
}

/** Options for {@link startEmulator}. */
export interface StartEmulatorOptions {
  /**
   * Port moto_server listens on; a port in use fails the start (nothing else is mistaken for it).
   * @default a free port, bound by moto_server itself
   */
  port?: number;
  /** Readiness timeout in ms; default 20 000. */
  readyTimeoutMs?: number;
  /** Model names to make immediate; default {@link IMMEDIATE_TRANSITION_MODELS}. */
  immediateModels?: readonly string[];
  /** Extra environment for moto_server. */
  env?: NodeJS.ProcessEnv;
  /** Binary name; default `moto_server`. */
  binary?: string;
  /**
   * AWS account the emulator answers as (moto's `MOTO_ACCOUNT_ID`; moto's own default is
   * 123456789012): the account of the environment deployed, so the provider's
   * `allowed_account_ids` holds there as it does on AWS. An emulator given by AWS_ENDPOINT_URL must
   * already answer as this account, or startEmulator fails saying so.
   */
  accountId?: string;
  /**
   * Keep the emulator running after this process exits (`npm run deploy:local`), writing its
   * output to this file; stop it later with {@link stopEmulatorProcess}.
   */
  persistLogFile?: string;
  /**
   * Port of this process's Step Functions front (`npm run emulator` serves everything through it).
   * @default a free port
   */
  frontPort?: number;
}

/** POSTs JSON to `<endpoint><path>` and throws on a non-2xx answer. */
async function postJson(endpoint: string, path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${endpoint}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${endpoint}${path} answered ${res.status}: ${text.slice(0, 500)}`);
}

/** Makes the given moto models' simulated state transitions immediate. */
export async function setImmediateTransitions(endpoint: string, models: readonly string[]): Promise<void> {
  for (const model of models) {
    await postJson(endpoint, '/moto-api/state-manager/set-transition', {
      model_name: model,
      transition: { progression: 'immediate' },
    });
  }
}

/**
 * The account an emulator answers as (STS GetCallerIdentity). The emulator checks no signature,
 * but refuses a request without credentials, so a placeholder Authorization header is sent.
 */
export async function emulatorAccount(endpoint: string): Promise<string> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      Authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  const account = /<Account>(\d{12})<\/Account>/.exec(text)?.[1];
  if (!res.ok || account === undefined) throw new Error(`GetCallerIdentity on ${endpoint} answered ${res.status}: ${text.slice(0, 300)}`);
  return account;
}

/** Fails unless the emulator answers as `accountId`. */
async function expectAccount(endpoint: string, accountId: string | undefined, how: string): Promise<void> {
  if (accountId === undefined) return;
  const actual = await emulatorAccount(endpoint);
  if (actual !== accountId) {
    throw new Error(
      `The emulator at ${endpoint} answers as account ${actual}, but the environment is in account ${accountId} (the provider refuses any other): ${how}`,
    );
  }
}

/** Clears all state of a moto emulator. */
export async function resetEmulator(endpoint: string): Promise<void> {
  await postJson(endpoint, '/moto-api/reset');
}

function parseEndpoint(url: string): { endpoint: string; port: number } {
  const parsed = new URL(url);
  const port = parsed.port !== '' ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
  return { endpoint: `${parsed.protocol}//${parsed.host}`, port };
}

/** Starts this process's Step Functions front for an emulator, when the emulator profile needs one. */
async function startFront(endpoint: string, port?: number): Promise<{ url: string; close(): Promise<void> } | undefined> {
  return deployTargetProfile('emulator').settings.endpoint?.stepFunctionsFront ? startStepFunctionsFront(endpoint, { port }) : undefined;
}

/**
 * Attaches to an emulator that is already running (AWS_ENDPOINT_URL, or the one `npm run
 * deploy:local` left running): nothing is started but this process's Step Functions front, which
 * {@link Emulator.stop} closes. Transitions are made immediate, best effort (it may not be moto).
 */
export async function attachEmulator(
  url: string,
  opts: Pick<StartEmulatorOptions, 'immediateModels' | 'accountId'> = {},
): Promise<Emulator> {
  const models = opts.immediateModels ?? IMMEDIATE_TRANSITION_MODELS;
  const { endpoint, port } = parseEndpoint(url);
  await setImmediateTransitions(endpoint, models).catch(() => undefined);
  await expectAccount(endpoint, opts.accountId, `start it with MOTO_ACCOUNT_ID=${opts.accountId ?? ''}, or unset AWS_ENDPOINT_URL`);
  const front = await startFront(endpoint);
  return {
    endpoint,
    port,
    owned: false,
    stepFunctionsEndpoint: front?.url,
    reset: async () => {
      await resetEmulator(endpoint);
      await setImmediateTransitions(endpoint, models).catch(() => undefined);
    },
    stop: async () => {
      await front?.close();
    },
    release: async () => {
      await front?.close();
    },
    logTail: () => '',
  };
}

/**
 * Starts (or attaches to) an AWS emulator.
 *
 * If env AWS_ENDPOINT_URL is set it is used as-is and nothing is started.
 * Otherwise `moto_server` must be on PATH (else {@link MissingPrerequisiteError});
 * it is started on a free 127.0.0.1 port (it binds port 0 itself and reports which) with
 * MOTO_IAM_LOAD_MANAGED_POLICIES=true (and MOTO_ACCOUNT_ID = `accountId` when given),
 * awaited (its own "Running on" line, then GET /moto-api/), and transitions listed in
 * {@link IMMEDIATE_TRANSITION_MODELS} are made immediate.
 */
export async function startEmulator(opts: StartEmulatorOptions = {}): Promise<Emulator> {
  const models = opts.immediateModels ?? IMMEDIATE_TRANSITION_MODELS;
  const external = process.env.AWS_ENDPOINT_URL;
  if (external && external.trim() !== '') return attachEmulator(external.trim(), opts);

  const binary = opts.binary ?? 'moto_server';
  requireCommand(binary, MOTO_INSTALL_HINT);

  const env = opts.accountId !== undefined ? { ...opts.env, MOTO_ACCOUNT_ID: opts.accountId } : opts.env;
  // Port 0: moto binds a free port itself and says which (probing one first would race other processes).
  const moto = await launchMotoProcess(binary, opts.port ?? 0, { ...opts, env });
  try {
    await setImmediateTransitions(moto.endpoint, models);
    await expectAccount(moto.endpoint, opts.accountId, 'this moto_server does not honour MOTO_ACCOUNT_ID (moto ≥ 4 does)');
  } catch (err) {
    await moto.stop();
    throw err;
  }
  let front: Awaited<ReturnType<typeof startFront>>;
  try {
    front = await startFront(moto.endpoint, opts.frontPort);
  } catch (err) {
    await moto.stop();
    throw new Error(
      `the Step Functions front cannot listen on 127.0.0.1:${opts.frontPort ?? 0} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  return {
    ...moto,
    owned: true,
    stepFunctionsEndpoint: front?.url,
    reset: async () => {
      await resetEmulator(moto.endpoint);
      await setImmediateTransitions(moto.endpoint, models);
    },
    stop: async () => {
      await front?.close();
      await moto.stop();
    },
    release: async () => {
      await front?.close();
    },
  };
}

/**
 * Environment variables pointing the AWS provider / SDKs at the emulator
 * with fake credentials in us-east-1.
 */
export function emulatorAwsEnv(endpoint: string): NodeJS.ProcessEnv {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '2',
  };
}

/**
 * Terraform's environment against an emulator: the provider and the S3 backend both point there,
 * Step Functions through the emulator's front when it has one.
 */
export function emulatorTerraformEnv(emulator: string | Pick<Emulator, 'endpoint' | 'stepFunctionsEndpoint'>): NodeJS.ProcessEnv {
  const { endpoint, stepFunctionsEndpoint } =
    typeof emulator === 'string' ? { endpoint: emulator, stepFunctionsEndpoint: undefined } : emulator;
  return projectTerraformEnv({
    ...emulatorAwsEnv(endpoint),
    AWS_ENDPOINT_URL_S3: endpoint,
    ...(stepFunctionsEndpoint ? { AWS_ENDPOINT_URL_SFN: stepFunctionsEndpoint } : {}),
  });
}
