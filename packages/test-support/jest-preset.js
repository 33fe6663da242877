/**
 * The jest settings every package's tests share (`preset: '@albumboard/test-support'` in its jest.config.js): tests
 * under `test/`, TypeScript through ts-jest with the package's own tsconfig.test.json, generous timeouts for tests that
 * start real servers on a busy machine.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  testTimeout: 30000,
};
