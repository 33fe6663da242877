import { loadConfig } from '../src/config';

describe('stalled-job settings of worker-spotify', () => {
  it('default to a 5 s lock checked every 2 s: a killed worker\'s job is back in the queue within seconds', () => {
    expect(loadConfig({}).stalledJobs).toEqual({ lockDuration: 5_000, stalledInterval: 2_000, maxStalledCount: 1 });
  });

  it('follow SPOTIFY_JOB_LOCK_MS and SPOTIFY_STALLED_INTERVAL_MS', () => {
    expect(loadConfig({ SPOTIFY_JOB_LOCK_MS: '8000', SPOTIFY_STALLED_INTERVAL_MS: '1000' }).stalledJobs).toMatchObject({ lockDuration: 8000, stalledInterval: 1000 });
  });

  it.each([
    [{ SPOTIFY_JOB_LOCK_MS: '100' }, 'SPOTIFY_JOB_LOCK_MS'],
    [{ SPOTIFY_STALLED_INTERVAL_MS: 'soon' }, 'SPOTIFY_STALLED_INTERVAL_MS'],
    [{ SPOTIFY_JOB_LOCK_MS: '3000', SPOTIFY_STALLED_INTERVAL_MS: '3000' }, 'SPOTIFY_STALLED_INTERVAL_MS'],
  ])('refuse %j naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });
});
