/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    // apps/api loads jose 6, which ships ES modules only. Node ≥ 20.19 require()s them natively (the bench scripts),
    // but jest's module system does not, so its files are compiled to CommonJS for the tests (as in apps/api).
    '^.+/node_modules/jose/dist/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022', isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/jose@[^/]+/node_modules/)?jose/)'],
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  testTimeout: 120000,
};
