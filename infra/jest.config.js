/**
 * The shared preset (packages/test-support), with infra's own tsconfig and a longer timeout: its tests start whole
 * stacks of real processes.
 * @type {import('jest').Config}
 */
module.exports = {
  preset: '../packages/test-support/jest-preset.js',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testTimeout: 120000,
};
