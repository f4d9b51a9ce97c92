/**
 * One Jest config for every rung of the test ladder.
 * - unit: construct, stack and config tests (transpile-only: tsconfig has isolatedModules, so
 *   ts-jest skips type-checking; `npm run typecheck` does it once)
 * - terraform: `terraform validate`, plan and the emulator deploy cycle (real terraform, real
 *   provider, local AWS emulator)
 */
/** @type {import('jest').Config} */
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
  globalSetup: '<rootDir>/__tests__/global-setup.js',
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'terraform',
      testMatch: ['<rootDir>/__tests__/terraform/**/*.test.ts'],
      // Hooks synthesize, start emulators and run Terraform: on a busy 2-core machine, more than
      // Jest's 5 s default (terraform-setup.ts raises it). Each long step sets its own timeout too.
      setupFilesAfterEnv: [...common.setupFilesAfterEnv, '<rootDir>/__tests__/terraform-setup.ts'],
    },
  ],
};
