/** @type {import('jest').Config} */
module.exports = {
  preset: '@albumboard/test-support',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
    // jose 6 ships ES modules only. Node ≥ 20.19 require()s them natively (dist/ runs as is), but jest's module
    // system does not, so its files are compiled to CommonJS for the tests.
    '^.+/node_modules/jose/dist/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022', isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/jose@[^/]+/node_modules/)?jose/)'],
};
