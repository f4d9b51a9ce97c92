/**
 * Worst-case duration of a rolling ECS release behind an ALB target group, computed from the
 * health-check and deployment settings. Pure arithmetic: no constructs, no AWS calls.
 *
 * Terms (all times in seconds):
 *   I  health-check interval            H  healthy threshold        U  unhealthy threshold
 *   T  health-check timeout (T < I)     G  health-check grace period (ECS)
 *   D  deregistration delay (draining)  X  container stop timeout (SIGTERM → SIGKILL)
 *   S  task start: PROVISIONING → RUNNING (ENI attachment, image pull, container start) and the
 *      application answering its health check; an assumption, not a setting
 *   N  desired count                    min%, max%  deployment minimum healthy / maximum percent
 */
import {
  CONTAINER_STOP_TIMEOUT_SECONDS,
  DEPLOYMENT_MAXIMUM_PERCENT,
  DEPLOYMENT_MINIMUM_HEALTHY_PERCENT,
} from '../../constructs/service/fargate-service';

/** Assumed task start time (S) when none is given. */
export const DEFAULT_TASK_START_SECONDS = 60;

/** ECS circuit breaker bounds: the failure threshold is 0.5 × desired count, clamped to [3, 200]. */
export const CIRCUIT_BREAKER_MIN_THRESHOLD = 3;
export const CIRCUIT_BREAKER_MAX_THRESHOLD = 200;

export interface ReleaseTimingInput {
  /** Target group health-check interval (I), 5–300 s. */
  readonly healthCheckIntervalSeconds: number;
  /** Consecutive successes that make a target healthy (H), 2–10. */
  readonly healthyThreshold: number;
  /** Consecutive failures that make a target unhealthy (U), 2–10. */
  readonly unhealthyThreshold: number;
  /** Health-check timeout (T), 2–120 s and less than the interval. */
  readonly healthCheckTimeoutSeconds: number;
  /** ECS health-check grace period (G), ≥ 0 s. */
  readonly healthCheckGracePeriodSeconds: number;
  /** Target group deregistration delay (D), ≥ 0 s. */
  readonly deregistrationDelaySeconds: number;
  /** Desired task count (N), an integer ≥ 1. */
  readonly desiredCount: number;
  /**
   * Deployment minimum healthy percent, 0–100.
   * @default 100 (what FargateService sets)
   */
  readonly minimumHealthyPercent?: number;
  /**
   * Deployment maximum percent, ≥ 100.
   * @default 200 (what FargateService sets)
   */
  readonly maximumPercent?: number;
  /**
   * Assumed time (S) from task launch until the application answers its health check: Fargate
   * provisioning and ENI attachment, image pull, container and application start.
   * @default 60
   */
  readonly taskStartSeconds?: number;
  /**
   * Time a stopped container may take to exit after SIGTERM before it is killed (X).
   * @default 30 (the stopTimeout FargateService sets)
   */
  readonly containerStopTimeoutSeconds?: number;
}

/** How the tasks of a release are batched. */
export interface ReleaseWaves {
  /** Tasks ECS may run during the release: ⌊N × max% / 100⌋. */
  readonly maximumTasks: number;
  /** Tasks that must stay healthy: ⌈N × min% / 100⌉. */
  readonly minimumHealthyTasks: number;
  /** New tasks started per wave: min(N, maximumTasks − minimumHealthyTasks). */
  readonly tasksPerWave: number;
  /** ⌈N / tasksPerWave⌉. */
  readonly waves: number;
}

/** Worst case of a successful rolling release. */
export interface ReleaseTiming extends ReleaseWaves {
  /** Registration → healthy: H × I + T. */
  readonly timeToHealthySeconds: number;
  /** S + (H × I + T) + D + X. */
  readonly perWaveSeconds: number;
  /** waves × perWaveSeconds. */
  readonly totalSeconds: number;
  /** The formula with the numbers filled in. */
  readonly formula: string;
}

/** Worst case of a release whose new tasks all fail their health check and are rolled back. */
export interface FailedReleaseTiming extends ReleaseWaves {
  /** Failed tasks that trip the circuit breaker: clamp(⌈0.5 × N⌉, 3, 200). */
  readonly failureThreshold: number;
  /** Registration → unhealthy: U × I + T. */
  readonly timeToUnhealthySeconds: number;
  /** Task launch → ECS counts it failed: S + max(G, U × I + T). */
  readonly timeToFailedTaskSeconds: number;
  /** Waves of failing tasks until the threshold is reached: ⌈failureThreshold / tasksPerWave⌉. */
  readonly failedWaves: number;
  /** Tasks ECS stopped at the start (N − minimumHealthyTasks) that the rollback starts again. */
  readonly tasksToRestore: number;
  /** After the breaker trips: (D + X) to drain the failed tasks, plus S + H × I + T when tasks must be restored. */
  readonly rollbackSeconds: number;
  /** failedWaves × (S + max(G, U × I + T)) + (failedWaves − 1) × (D + X) + rollbackSeconds. */
  readonly totalSeconds: number;
  /** The formula with the numbers filled in. */
  readonly formula: string;
}

interface ResolvedInput {
  readonly I: number;
  readonly H: number;
  readonly U: number;
  readonly T: number;
  readonly G: number;
  readonly D: number;
  readonly N: number;
  readonly S: number;
  readonly X: number;
  readonly waves: ReleaseWaves;
}

function resolve(input: ReleaseTimingInput): ResolvedInput {
  const minimumHealthyPercent = input.minimumHealthyPercent ?? DEPLOYMENT_MINIMUM_HEALTHY_PERCENT;
  const maximumPercent = input.maximumPercent ?? DEPLOYMENT_MAXIMUM_PERCENT;
  const S = input.taskStartSeconds ?? DEFAULT_TASK_START_SECONDS;
  const X = input.containerStopTimeoutSeconds ?? CONTAINER_STOP_TIMEOUT_SECONDS;
  const I = input.healthCheckIntervalSeconds;
  const T = input.healthCheckTimeoutSeconds;

  const check = (ok: boolean, message: string) => {
    if (!ok) throw new Error(`release timing: ${message}`);
  };
  const nonNegative = (name: string, value: number) =>
    check(Number.isFinite(value) && value >= 0, `${name} must be a number ≥ 0 (got ${value}).`);
  check(Number.isFinite(I) && I >= 5 && I <= 300, `healthCheckIntervalSeconds must be 5–300 (got ${I}).`);
  check(Number.isFinite(T) && T >= 2 && T < I, `healthCheckTimeoutSeconds must be ≥ 2 and less than the interval ${I} (got ${T}).`);
  for (const [name, value] of [
    ['healthyThreshold', input.healthyThreshold],
    ['unhealthyThreshold', input.unhealthyThreshold],
  ] as const) {
    check(Number.isInteger(value) && value >= 2 && value <= 10, `${name} must be an integer 2–10 (got ${value}).`);
  }
  nonNegative('healthCheckGracePeriodSeconds', input.healthCheckGracePeriodSeconds);
  nonNegative('deregistrationDelaySeconds', input.deregistrationDelaySeconds);
  nonNegative('taskStartSeconds', S);
  nonNegative('containerStopTimeoutSeconds', X);
  check(
    Number.isInteger(input.desiredCount) && input.desiredCount >= 1,
    `desiredCount must be an integer ≥ 1 (got ${input.desiredCount}).`,
  );
  check(
    Number.isInteger(minimumHealthyPercent) && minimumHealthyPercent >= 0 && minimumHealthyPercent <= 100,
    `minimumHealthyPercent must be an integer 0–100 (got ${minimumHealthyPercent}).`,
  );
  check(Number.isInteger(maximumPercent) && maximumPercent >= 100, `maximumPercent must be an integer ≥ 100 (got ${maximumPercent}).`);

  const N = input.desiredCount;
  // ECS rounds the minimum healthy count up and the maximum count down.
  const maximumTasks = Math.floor((N * maximumPercent) / 100);
  const minimumHealthyTasks = Math.ceil((N * minimumHealthyPercent) / 100);
  const tasksPerWave = Math.min(N, maximumTasks - minimumHealthyTasks);
  check(
    tasksPerWave >= 1,
    `minimumHealthyPercent ${minimumHealthyPercent} and maximumPercent ${maximumPercent} leave no room to start a new task ` +
      `(${N} tasks: at most ${maximumTasks} running, at least ${minimumHealthyTasks} healthy); lower the minimum or raise the maximum.`,
  );
  return {
    I,
    H: input.healthyThreshold,
    U: input.unhealthyThreshold,
    T,
    G: input.healthCheckGracePeriodSeconds,
    D: input.deregistrationDelaySeconds,
    N,
    S,
    X,
    waves: { maximumTasks, minimumHealthyTasks, tasksPerWave, waves: Math.ceil(N / tasksPerWave) },
  };
}

/**
 * Worst-case duration of a successful rolling release, from the moment ECS starts the new
 * deployment until the last old task has stopped.
 *
 * Model:
 * 1. **Waves.** ECS may run at most ⌊N × max% / 100⌋ tasks and must keep ⌈N × min% / 100⌉ healthy,
 *    so it starts `tasksPerWave = min(N, max − min)` new tasks at a time; `waves = ⌈N / tasksPerWave⌉`.
 *    With 100 % / 200 % every new task starts in a single wave.
 * 2. **Per wave** the tasks of a wave run in parallel, and a wave takes
 *    `S + (H × I + T) + D + X`:
 *    - `S`: the task starts and the application answers its health check (an assumption);
 *    - `H × I + T`: the target turns healthy. The first probe after registration comes at most one
 *      interval later (phase misalignment: the ALB's probe schedule is not aligned with the
 *      registration), the H-th consecutive success (H − 1) intervals after that, and its response
 *      within the timeout: ≤ I + (H − 1) × I + T. Each ALB node probes on its own schedule, each
 *      within this bound, so the bound holds however their results are combined;
 *    - `D`: ECS then deregisters the old tasks, which drain for the deregistration delay;
 *    - `X`: ECS then stops them; a container that ignores SIGTERM is killed after the stop timeout.
 *    The grace period G does not delay a successful release: ECS counts a task healthy as soon as
 *    the target group does; G only stops ECS from replacing a task whose checks fail early.
 * 3. **Total** = `waves × perWave`. With several waves this is an upper bound: it serializes one
 *    wave's draining with the next wave's start, which ECS may overlap.
 *
 * Not modelled: ECS control-plane reaction time (typically seconds), task placement throttling,
 * and Fargate capacity shortages (FARGATE_SPOT capacity in particular).
 */
export function worstCaseRolloutSeconds(input: ReleaseTimingInput): ReleaseTiming {
  const { I, H, T, D, S, X, waves } = resolve(input);
  const timeToHealthySeconds = H * I + T;
  const perWaveSeconds = S + timeToHealthySeconds + D + X;
  const totalSeconds = waves.waves * perWaveSeconds;
  return {
    ...waves,
    timeToHealthySeconds,
    perWaveSeconds,
    totalSeconds,
    formula:
      `waves × (taskStart + healthyThreshold × interval + timeout + deregistrationDelay + stopTimeout)` +
      ` = ${waves.waves} × (${S} + ${H} × ${I} + ${T} + ${D} + ${X}) = ${totalSeconds} s`,
  };
}

/**
 * Worst-case duration of a failed release that the deployment circuit breaker rolls back, from
 * the start of the deployment until the service runs only the previous revision again.
 *
 * Assumptions:
 * - Every new task starts (reaches RUNNING) but fails its target-group health check: the
 *   breaker's second stage. A task that never reaches RUNNING (bad image, missing secret) fails
 *   in its first stage, faster, but ECS then backs off relaunches; that path is not modelled.
 * - The breaker trips when the failed tasks reach `clamp(⌈0.5 × N⌉, 3, 200)` (AWS's default
 *   threshold); with rollback on, ECS then redeploys the last completed revision.
 * - The previous revision is healthy.
 *
 * Model:
 * 1. A new task is counted failed `S + max(G, U × I + T)` after launch: the target turns
 *    unhealthy after U consecutive failed probes (≤ I + (U − 1) × I, the last one timing out
 *    after T), but ECS ignores that until the grace period G has passed since the task started.
 * 2. The tasks of a wave fail together. Until the threshold is reached, ECS replaces them once
 *    they have drained (D) and stopped (X): `failedWaves = ⌈threshold / tasksPerWave⌉`.
 * 3. Rollback: the failed tasks of the last wave drain and stop (D + X). If min% < 100, ECS had
 *    stopped N − ⌈N × min%⌉ old tasks at the start; they are started again once the failed ones
 *    are gone (maximum percent leaves no room before) and must turn healthy: S + H × I + T.
 *
 * Total = `failedWaves × (S + max(G, U × I + T)) + (failedWaves − 1) × (D + X) + (D + X) + restore`.
 *
 * Not modelled: a release that passes the health check but serves errors — the circuit breaker
 * only watches task health, so that release "succeeds" (CloudWatch deployment alarms catch it).
 */
export function worstCaseFailedRolloutSeconds(input: ReleaseTimingInput): FailedReleaseTiming {
  const { I, H, U, T, G, D, N, S, X, waves } = resolve(input);
  const failureThreshold = Math.min(CIRCUIT_BREAKER_MAX_THRESHOLD, Math.max(CIRCUIT_BREAKER_MIN_THRESHOLD, Math.ceil(0.5 * N)));
  const timeToUnhealthySeconds = U * I + T;
  const timeToFailedTaskSeconds = S + Math.max(G, timeToUnhealthySeconds);
  const failedWaves = Math.ceil(failureThreshold / waves.tasksPerWave);
  const tasksToRestore = N - waves.minimumHealthyTasks;
  const restoreSeconds = tasksToRestore > 0 ? S + H * I + T : 0;
  const rollbackSeconds = D + X + restoreSeconds;
  const totalSeconds = failedWaves * timeToFailedTaskSeconds + (failedWaves - 1) * (D + X) + rollbackSeconds;
  const restoreText = tasksToRestore > 0 ? ` + (${S} + ${H} × ${I} + ${T})` : '';
  return {
    ...waves,
    failureThreshold,
    timeToUnhealthySeconds,
    timeToFailedTaskSeconds,
    failedWaves,
    tasksToRestore,
    rollbackSeconds,
    totalSeconds,
    formula:
      `failedWaves × (taskStart + max(gracePeriod, unhealthyThreshold × interval + timeout))` +
      ` + (failedWaves − 1) × (deregistrationDelay + stopTimeout) + (deregistrationDelay + stopTimeout)` +
      (tasksToRestore > 0 ? ` + (taskStart + healthyThreshold × interval + timeout)` : '') +
      ` = ${failedWaves} × (${S} + max(${G}, ${U} × ${I} + ${T})) + ${failedWaves - 1} × (${D} + ${X}) + (${D} + ${X})${restoreText}` +
      ` = ${totalSeconds} s`,
  };
}
