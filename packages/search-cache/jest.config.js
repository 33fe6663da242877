/** @type {import('jest').Config} */
module.exports = { preset: '@albumboard/test-support' };
