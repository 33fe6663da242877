/**
 * The shared preset by path: test-support depends on observability (its captured logger), so observability cannot
 * depend on test-support without a build cycle.
 * @type {import('jest').Config}
 */
module.exports = { preset: '../test-support/jest-preset.js' };
