import {
  DEFAULT_TASK_START_SECONDS,
  worstCaseFailedRolloutSeconds,
  worstCaseRolloutSeconds,
  type ReleaseTimingInput,
} from '../../../scripts/lib/release-timing';

/** The seed service: ALB health check 30 s × 2/2, 5 s timeout, 60 s grace, 30 s draining, 3 tasks at 100/200 %. */
const SEED: ReleaseTimingInput = {
  healthCheckIntervalSeconds: 30,
  healthyThreshold: 2,
  unhealthyThreshold: 2,
  healthCheckTimeoutSeconds: 5,
  healthCheckGracePeriodSeconds: 60,
  deregistrationDelaySeconds: 30,
  desiredCount: 3,
  minimumHealthyPercent: 100,
  maximumPercent: 200,
};

describe('worstCaseRolloutSeconds', () => {
  test('the seed service releases in one wave of all 3 tasks (max 200 %)', () => {
    expect(worstCaseRolloutSeconds(SEED)).toEqual(
      expect.objectContaining({ maximumTasks: 6, minimumHealthyTasks: 3, tasksPerWave: 3, waves: 1 }),
    );
  });

  test('a seed task turns healthy within 2 × 30 + 5 = 65 s of registration', () => {
    expect(worstCaseRolloutSeconds(SEED).timeToHealthySeconds).toBe(65);
  });

  test('the seed release takes at most 185 s: start 60 + healthy 65 + draining 30 + stop 30', () => {
    const timing = worstCaseRolloutSeconds(SEED);
    expect(timing.perWaveSeconds).toBe(185);
    expect(timing.totalSeconds).toBe(185);
  });

  test('the formula names each term and shows the numbers', () => {
    expect(worstCaseRolloutSeconds(SEED).formula).toBe(
      'waves × (taskStart + healthyThreshold × interval + timeout + deregistrationDelay + stopTimeout) = 1 × (60 + 2 × 30 + 5 + 30 + 30) = 185 s',
    );
  });

  test('the grace period does not lengthen a successful release', () => {
    expect(worstCaseRolloutSeconds({ ...SEED, healthCheckGracePeriodSeconds: 600 }).totalSeconds).toBe(185);
  });

  test('the task start time defaults to 60 s', () => {
    expect(DEFAULT_TASK_START_SECONDS).toBe(60);
    expect(worstCaseRolloutSeconds({ ...SEED, taskStartSeconds: 60 })).toEqual(worstCaseRolloutSeconds(SEED));
  });

  test('the deployment percentages default to FargateService’s 100/200 % and the stop timeout to its 30 s', () => {
    const { minimumHealthyPercent: _min, maximumPercent: _max, ...withoutPercentages } = SEED;
    expect(worstCaseRolloutSeconds(withoutPercentages)).toEqual(worstCaseRolloutSeconds(SEED));
    expect(worstCaseRolloutSeconds({ ...SEED, containerStopTimeoutSeconds: 30 })).toEqual(worstCaseRolloutSeconds(SEED));
  });

  test('taskStartSeconds and containerStopTimeoutSeconds change the per-wave time', () => {
    expect(worstCaseRolloutSeconds({ ...SEED, taskStartSeconds: 120, containerStopTimeoutSeconds: 0 }).perWaveSeconds).toBe(
      120 + 65 + 30 + 0,
    );
  });

  test('with max 100 % and min 50 %, 3 tasks are replaced one at a time: 3 waves', () => {
    const timing = worstCaseRolloutSeconds({ ...SEED, minimumHealthyPercent: 50, maximumPercent: 100 });
    expect(timing).toEqual(expect.objectContaining({ maximumTasks: 3, minimumHealthyTasks: 2, tasksPerWave: 1, waves: 3 }));
    expect(timing.totalSeconds).toBe(3 * 185);
  });

  test('with max 150 % of 4 tasks, 2 start per wave: 2 waves', () => {
    const timing = worstCaseRolloutSeconds({ ...SEED, desiredCount: 4, maximumPercent: 150 });
    expect(timing).toEqual(expect.objectContaining({ maximumTasks: 6, minimumHealthyTasks: 4, tasksPerWave: 2, waves: 2 }));
    expect(timing.totalSeconds).toBe(2 * 185);
  });

  test('a maximum above 200 % never starts more new tasks than the desired count', () => {
    expect(worstCaseRolloutSeconds({ ...SEED, maximumPercent: 300 })).toEqual(expect.objectContaining({ tasksPerWave: 3, waves: 1 }));
  });

  test('rejects percentages that leave no room to start a task (100/100 %), naming them and the fix', () => {
    expect(() => worstCaseRolloutSeconds({ ...SEED, maximumPercent: 100 })).toThrow(
      /minimumHealthyPercent 100 and maximumPercent 100 leave no room to start a new task .*lower the minimum or raise the maximum/,
    );
  });

  test.each([
    [{ healthCheckIntervalSeconds: 4 }, /healthCheckIntervalSeconds must be 5–300 \(got 4\)/],
    [{ healthCheckIntervalSeconds: 301 }, /healthCheckIntervalSeconds must be 5–300 \(got 301\)/],
    [{ healthCheckTimeoutSeconds: 30 }, /healthCheckTimeoutSeconds must be ≥ 2 and less than the interval 30 \(got 30\)/],
    [{ healthCheckTimeoutSeconds: 1 }, /healthCheckTimeoutSeconds must be ≥ 2 and less than the interval 30 \(got 1\)/],
    [{ healthyThreshold: 1 }, /healthyThreshold must be an integer 2–10 \(got 1\)/],
    [{ unhealthyThreshold: 11 }, /unhealthyThreshold must be an integer 2–10 \(got 11\)/],
    [{ healthCheckGracePeriodSeconds: -1 }, /healthCheckGracePeriodSeconds must be a number ≥ 0 \(got -1\)/],
    [{ deregistrationDelaySeconds: -5 }, /deregistrationDelaySeconds must be a number ≥ 0 \(got -5\)/],
    [{ taskStartSeconds: -1 }, /taskStartSeconds must be a number ≥ 0 \(got -1\)/],
    [{ containerStopTimeoutSeconds: Number.NaN }, /containerStopTimeoutSeconds must be a number ≥ 0 \(got NaN\)/],
    [{ desiredCount: 0 }, /desiredCount must be an integer ≥ 1 \(got 0\)/],
    [{ minimumHealthyPercent: 101 }, /minimumHealthyPercent must be an integer 0–100 \(got 101\)/],
    [{ maximumPercent: 99 }, /maximumPercent must be an integer ≥ 100 \(got 99\)/],
  ] as const)('rejects %p, naming the bad value', (override, message) => {
    expect(() => worstCaseRolloutSeconds({ ...SEED, ...override })).toThrow(message);
  });
});

describe('worstCaseFailedRolloutSeconds', () => {
  test('the seed service’s circuit breaker trips at 3 failed tasks (0.5 × 3 raised to the minimum of 3)', () => {
    expect(worstCaseFailedRolloutSeconds(SEED).failureThreshold).toBe(3);
  });

  test('a failing seed task turns unhealthy within 2 × 30 + 5 = 65 s, after the 60 s grace period: failed 125 s after launch', () => {
    const timing = worstCaseFailedRolloutSeconds(SEED);
    expect(timing.timeToUnhealthySeconds).toBe(65);
    expect(timing.timeToFailedTaskSeconds).toBe(60 + 65);
  });

  test('the seed’s failed release is rolled back within 185 s: one failing wave (125 s), then the failed tasks drain and stop (60 s)', () => {
    expect(worstCaseFailedRolloutSeconds(SEED)).toEqual(
      expect.objectContaining({ failedWaves: 1, tasksToRestore: 0, rollbackSeconds: 60, totalSeconds: 185 }),
    );
  });

  test('the failed-release formula shows the numbers', () => {
    expect(worstCaseFailedRolloutSeconds(SEED).formula).toBe(
      'failedWaves × (taskStart + max(gracePeriod, unhealthyThreshold × interval + timeout)) + (failedWaves − 1) × (deregistrationDelay + stopTimeout)' +
        ' + (deregistrationDelay + stopTimeout) = 1 × (60 + max(60, 2 × 30 + 5)) + 0 × (30 + 30) + (30 + 30) = 185 s',
    );
  });

  test('a grace period longer than the unhealthy checks delays the failure', () => {
    expect(worstCaseFailedRolloutSeconds({ ...SEED, healthCheckGracePeriodSeconds: 300 }).timeToFailedTaskSeconds).toBe(60 + 300);
  });

  test('the threshold is half the desired count above 6 tasks, and at most 200', () => {
    expect(worstCaseFailedRolloutSeconds({ ...SEED, desiredCount: 11 }).failureThreshold).toBe(6);
    expect(worstCaseFailedRolloutSeconds({ ...SEED, desiredCount: 1000 }).failureThreshold).toBe(200);
  });

  test('one task at a time (min 50 %, max 100 %): three failing waves, then the stopped old task is restored', () => {
    const timing = worstCaseFailedRolloutSeconds({ ...SEED, minimumHealthyPercent: 50, maximumPercent: 100 });
    expect(timing).toEqual(expect.objectContaining({ tasksPerWave: 1, failedWaves: 3, tasksToRestore: 1 }));
    expect(timing.rollbackSeconds).toBe(30 + 30 + (60 + 65));
    expect(timing.totalSeconds).toBe(3 * 125 + 2 * (30 + 30) + 185);
    expect(timing.formula).toContain('+ (taskStart + healthyThreshold × interval + timeout)');
  });

  test('validates its input like the successful case', () => {
    expect(() => worstCaseFailedRolloutSeconds({ ...SEED, unhealthyThreshold: 1 })).toThrow(
      /unhealthyThreshold must be an integer 2–10 \(got 1\)/,
    );
  });
});
