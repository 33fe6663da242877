import { loadStackConfig } from './config';

describe('loadStackConfig', () => {
  it('runs the emulator only when no Spotify credentials are set', () => {
    expect(loadStackConfig({}, false).apps).toEqual(['spotify-emulator', 'api', 'worker-default', 'worker-spotify', 'worker-leaderboard']);
    expect(loadStackConfig({ SPOTIFY_CLIENT_ID: 'real' }, false).apps).toEqual(['api', 'worker-default', 'worker-spotify', 'worker-leaderboard']);
    expect(loadStackConfig({ SPOTIFY_CLIENT_ID: 'real', STACK_EMULATOR: 'true' }, false).apps).toContain('spotify-emulator');
  });

  it('takes an explicit list in start order and refuses unknown names', () => {
    expect(loadStackConfig({ STACK_APPS: 'worker-spotify,api' }, false).apps).toEqual(['api', 'worker-spotify']);
    expect(() => loadStackConfig({ STACK_APPS: 'api,web' }, false)).toThrow('Invalid setting STACK_APPS: unknown app web');
  });

  it('names a malformed setting in one line', () => {
    expect(() => loadStackConfig({ STACK_GRACE_MS: 'soon' }, false)).toThrow(/^Invalid setting STACK_GRACE_MS/);
  });

  it('prefixes output on a terminal unless told otherwise', () => {
    expect(loadStackConfig({}, true).prefixOutput).toBe(true);
    expect(loadStackConfig({}, false).prefixOutput).toBe(false);
    expect(loadStackConfig({ STACK_PREFIX_OUTPUT: 'false' }, true).prefixOutput).toBe(false);
  });
});
