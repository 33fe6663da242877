import { QueueName, ALL_QUEUES, isQueueName } from '../src/queue-names';
import { jobCatalog, jobNamesOf, parseJobPayload, isJobName } from '../src/jobs/job-catalog';
import { SPOTIFY_METHOD_NAMES, parseSpotifyArgs } from '../src/spotify/spotify-methods';
import { spotifyCallPayloadSchema, spotifyCallResultSchema } from '../src/spotify/spotify-call.job';

describe('queue names', () => {
  it('are the three released names, which never change', () => {
    expect(QueueName).toEqual({ Default: 'default', Spotify: 'spotify', Leaderboard: 'leaderboard' });
    expect(ALL_QUEUES).toEqual(['default', 'spotify', 'leaderboard']);
    expect(isQueueName('spotify')).toBe(true);
    expect(isQueueName('rq:queue:spotify')).toBe(false);
  });
});

describe('job catalog', () => {
  it('puts every job on a known queue and only spotify jobs on the spotify queue', () => {
    for (const def of Object.values(jobCatalog)) expect(ALL_QUEUES).toContain(def.queue);
    expect(jobNamesOf('spotify').sort()).toEqual(['spotify.call', 'spotify.ping']);
    expect(jobNamesOf('leaderboard')).toContain('leaderboard.recompute');
    expect(jobNamesOf('default')).toEqual(expect.arrayContaining(['catalog.upsert-albums', 'catalog.refresh-album', 'catalog.refresh-stale']));
  });

  it('keeps a spotify call\'s result in one place: the job is removed as it completes (the completed event carries it)', () => {
    const opts = jobCatalog['spotify.call'].options;
    expect(opts.removeOnComplete).toBe(true);
    expect(opts.attempts).toBe(1);
  });

  it('keeps finished jobs by small counts (BullMQ trims by count when a later job finishes, not on a timer)', () => {
    for (const [name, def] of Object.entries(jobCatalog)) {
      const { removeOnComplete, removeOnFail } = def.options as { removeOnComplete?: true | { count?: number }; removeOnFail?: { count?: number } };
      if (removeOnComplete !== true) expect([name, removeOnComplete?.count]).toEqual([name, expect.any(Number)]);
      if (removeOnComplete !== true) expect(removeOnComplete?.count).toBeLessThanOrEqual(100);
      expect([name, removeOnFail?.count]).toEqual([name, expect.any(Number)]);
      expect(removeOnFail?.count).toBeLessThanOrEqual(100);
    }
  });

  it('carries no more of an album in catalog.upsert-albums than the catalogue stores', () => {
    const album = { id: '1DFixLWuPkv3KT3TnV35m3', name: '1989', artists: [{ id: '06HL4z0CvFAxyc27GXpf02', name: 'Taylor Swift' }], releaseDate: '2014-10-27', releaseDatePrecision: 'day', totalTracks: 13, imageUrl: null, spotifyUrl: null, albumType: 'album' };
    const { albums } = parseJobPayload('catalog.upsert-albums', { albums: [album] });
    const { releaseDatePrecision: _dropped, ...stored } = album;
    expect(albums).toEqual([stored]);
  });

  it('rejects unknown job names', () => {
    expect(isJobName('leaderboard.recompute')).toBe(true);
    expect(isJobName('__proto__')).toBe(false);
    expect(isJobName('toString')).toBe(false);
  });

  it('validates leaderboard windows', () => {
    expect(parseJobPayload('leaderboard.recompute', { window: 'week' })).toEqual({ window: 'week' });
    expect(() => parseJobPayload('leaderboard.recompute', { window: 'month' })).toThrow();
  });
});

describe('spotify.call payload', () => {
  const deadline = Date.now() + 5000;

  it('accepts every method of the closed list with valid arguments and applies defaults', () => {
    expect(SPOTIFY_METHOD_NAMES.sort()).toEqual(['getAlbum', 'getArtist', 'getArtistAlbums', 'searchArtistAlbums', 'searchArtists']);
    const parsed = spotifyCallPayloadSchema.parse({ method: 'searchArtistAlbums', args: { query: 'Taylor Swift' }, deadline });
    expect(parsed.priority).toBe(1);
    expect(parseSpotifyArgs('searchArtistAlbums', { query: ' Taylor Swift ' })).toEqual({ query: 'Taylor Swift', limit: 10, offset: 0 });
  });

  it.each([
    ['a method outside the list', { method: 'deleteEverything', args: {}, deadline }],
    ['a prototype key as method', { method: '__proto__', args: {}, deadline }],
    ['arguments of the wrong shape', { method: 'getAlbum', args: { id: 'not-an-id' }, deadline }],
    ['extra arguments', { method: 'getAlbum', args: { id: '1DFixLWuPkv3KT3TnV35m3', url: 'http://evil' }, deadline }],
    ['a search limit above the bound', { method: 'searchArtistAlbums', args: { query: 'x', limit: 51 }, deadline }],
    ['an empty query', { method: 'searchArtists', args: { query: '   ' }, deadline }],
    ['no deadline', { method: 'getAlbum', args: { id: '1DFixLWuPkv3KT3TnV35m3' } }],
    ['extra top-level fields', { method: 'getAlbum', args: { id: '1DFixLWuPkv3KT3TnV35m3' }, deadline, url: 'x' }],
  ])('rejects %s', (_label, payload) => {
    expect(spotifyCallPayloadSchema.safeParse(payload).success).toBe(false);
  });

  it('reports argument errors under args', () => {
    const result = spotifyCallPayloadSchema.safeParse({ method: 'getAlbum', args: { id: 'short' }, deadline });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['args', 'id']);
  });
});

describe('spotify.call result envelope', () => {
  it('carries typed failures', () => {
    const failure = spotifyCallResultSchema.parse({ ok: false, error: { code: 'cooldown', message: 'quota', retryAfterMs: 5000, reason: 'QUOTA_EXCEEDED' } });
    expect(failure.ok).toBe(false);
    expect(spotifyCallResultSchema.safeParse({ ok: false, error: { code: 'teapot', message: '' } }).success).toBe(false);
  });

  it('parses a success by the schema of the method it names, and nothing else', () => {
    const artist = { id: '06HL4z0CvFAxyc27GXpf02', name: 'Taylor Swift', imageUrl: null, spotifyUrl: null };
    const ok = spotifyCallResultSchema.parse({ ok: true, method: 'getArtist', value: artist, upstreamRequests: 1 });
    expect(ok).toMatchObject({ ok: true, method: 'getArtist', value: artist });
    expect(spotifyCallResultSchema.safeParse({ ok: true, method: 'searchArtists', value: artist }).success).toBe(false);
    expect(spotifyCallResultSchema.safeParse({ ok: true, value: artist }).success).toBe(false);
    expect(spotifyCallResultSchema.safeParse({ ok: true, method: 'deleteEverything', value: artist }).success).toBe(false);
  });
});
