import { silentLogger } from '@albumboard/observability';
import { CATALOG_REFRESH_SCHEDULER_ID, jobCatalog, type AlbumSummary } from '@albumboard/queue-contracts';
import { createPostgresRatingStore, type RatingStore } from '@albumboard/rating-store';
import { createSpotifyCaller, type SpotifyCaller } from '@albumboard/spotify-client';
import { generatedArtistId, startEmulator, type EmulatorHandle } from '@albumboard/spotify-emulator';
import { createSpotifyWorker, type SpotifyWorker } from '@albumboard/worker-spotify/dist/app';
import { loadConfig as loadSpotifyWorkerConfig } from '@albumboard/worker-spotify/dist/config';
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { createDefaultWorker, type DefaultWorker } from '../src/app';
import { CatalogRefreshProducer } from '../src/services/catalog-refresh-producer.service';
import { captureLogger, createTestDatabase, deletePrefix, REDIS_URL, uniquePrefix, waitForFinished, workerConnection } from '@albumboard/test-support';

function summary(id: string, name: string): AlbumSummary {
  return {
    id,
    name,
    artists: [{ id: 'ArtistOfTheTest0000001', name: 'Test Artist' }],
    releaseDate: '2021-04-09',
    releaseDatePrecision: 'day',
    totalTracks: 11,
    imageUrl: `https://i.scdn.co/image/${id}`,
    spotifyUrl: `https://open.spotify.com/album/${id}`,
    albumType: 'album',
  };
}

describe('worker-default (real Redis, real PostgreSQL, real worker-spotify against the emulator)', () => {
  let database: { url: string; exec(sql: string): Promise<void>; drop(): Promise<void> };
  let store: RatingStore;
  let emulator: EmulatorHandle;
  let prefix: string;
  let admin: Redis;
  let producer: Redis;
  let connections: Redis[];
  let defaultQueue: Queue;
  let spotifyQueue: Queue;
  let spotifyWorker: SpotifyWorker;
  let proxy: SpotifyCaller;
  let worker: DefaultWorker;
  /** The spotify.call jobs worker-spotify completed (a completed one is removed from Redis at once). */
  let completedCalls: Job[];

  beforeAll(async () => {
    database = await createTestDatabase('wd');
    store = await createPostgresRatingStore({ databaseUrl: database.url, poolMax: 4 });
    emulator = await startEmulator({ port: 0, generatedArtists: 3, generatedAlbumsPerArtist: 2 });
  }, 60_000);

  afterAll(async () => {
    await emulator?.close();
    await store?.close();
    await database?.drop();
  });

  beforeEach(async () => {
    prefix = uniquePrefix('wd');
    admin = workerConnection();
    producer = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    await new Promise((resolve) => producer.once('ready', resolve));
    connections = [workerConnection(), workerConnection()];
    defaultQueue = new Queue('default', { connection: admin, prefix });
    spotifyQueue = new Queue('spotify', { connection: admin, prefix });
    const spotifyConfig = loadSpotifyWorkerConfig({ REDIS_URL, QUEUE_PREFIX: prefix, SPOTIFY_API_URL: `${emulator.url}/v1`, SPOTIFY_ACCOUNTS_URL: emulator.url });
    spotifyWorker = await createSpotifyWorker({ config: spotifyConfig, connection: connections[0], logger: silentLogger() });
    completedCalls = [];
    spotifyWorker.worker.on('completed', (job) => completedCalls.push(job));
    // The proxy refuses at once while no worker-spotify is counted on the queue.
    while ((await spotifyQueue.getWorkersCount()) === 0) await new Promise((r) => setTimeout(r, 10));
    proxy = createSpotifyCaller({ mode: 'worker', connection: producer, prefix, defaultTimeoutMs: 15_000 });
  });

  afterEach(async () => {
    await worker?.close();
    await spotifyWorker.close();
    await proxy.close();
    await Promise.all([defaultQueue.close(), spotifyQueue.close()]);
    await deletePrefix(admin, prefix);
    await Promise.all([admin, producer, ...connections].map((c) => c.quit()));
  });

  /** No scheduled refreshes unless asked for (`everyMs` 0): tests enqueue `catalog.refresh-stale` themselves. */
  async function startDefaultWorker(logger = silentLogger(), catalogRefresh = { everyMs: 0, olderThanDays: 30, batch: 50 }): Promise<DefaultWorker> {
    worker = await createDefaultWorker({ config: { queuePrefix: prefix, concurrency: 2, catalogRefresh }, connection: connections[1], logger, ratingStore: store, spotify: proxy });
    return worker;
  }

  async function add<N extends 'catalog.upsert-albums' | 'catalog.refresh-album' | 'catalog.refresh-stale'>(name: N, data: unknown, attempts?: number): Promise<string> {
    const job = await defaultQueue.add(name, data, { ...jobCatalog[name].options, ...(attempts ? { attempts } : {}) });
    return job.id!;
  }

  it('catalog.upsert-albums lands the albums in the catalogue and skips one the store cannot hold', async () => {
    const { logger, lines } = captureLogger('worker-default-test', 'info');
    await startDefaultWorker(logger);
    const albums = [summary('UpsertAlbumTest0000001', 'First'), summary('UpsertAlbumTest0000002', 'Second'), summary('not-a-spotify-id', 'Broken')];
    const finished = await waitForFinished(defaultQueue, await add('catalog.upsert-albums', { albums, requestId: 'req-1' }));
    expect(finished).toMatchObject({ state: 'completed', returnvalue: { upserted: 2 } });
    const stored = await store.getAlbum('UpsertAlbumTest0000002');
    expect(stored?.album).toMatchObject({
      id: 'UpsertAlbumTest0000002',
      name: 'Second',
      artists: [{ id: 'ArtistOfTheTest0000001', name: 'Test Artist' }],
      releaseDate: '2021-04-09',
      totalTracks: 11,
      albumType: 'album',
      imageUrl: 'https://i.scdn.co/image/UpsertAlbumTest0000002',
    });
    expect(lines.find((line) => line.msg === 'skipping albums the catalogue cannot store')).toMatchObject({ rejectedIds: ['not-a-spotify-id'], requestId: 'req-1' });
  });

  it('catalog.refresh-album fetches the album through worker-spotify at background priority 10, then upserts it', async () => {
    const albums = await proxy.call('getArtistAlbums', { id: generatedArtistId(2) });
    const target = albums.items[0];
    await store.upsertAlbums([{ id: target.id, name: 'Stale name', artists: [] }]);
    const before = emulator.stats().byEndpoint['GET /v1/albums/{id}'] ?? 0;
    await startDefaultWorker();

    const finished = await waitForFinished(defaultQueue, await add('catalog.refresh-album', { albumId: target.id }));
    expect(finished).toMatchObject({ state: 'completed', returnvalue: { refreshed: true } });
    const stored = await store.getAlbum(target.id);
    expect(stored?.album.name).toBe(target.name);
    expect(stored?.album.artists).toEqual(target.artists);
    expect(emulator.stats().byEndpoint['GET /v1/albums/{id}']).toBe(before + 1);
    const calls = completedCalls.filter((job) => job.data.method === 'getAlbum');
    expect(calls).toHaveLength(1);
    expect(calls[0].data).toMatchObject({ args: { id: target.id }, priority: 10 });
    expect(calls[0].opts.priority).toBe(10);
  });

  it('an album Spotify does not have is reported, not retried, and not created', async () => {
    await startDefaultWorker();
    const missing = 'NoSuchAlbumOnSpotify00';
    const finished = await waitForFinished(defaultQueue, await add('catalog.refresh-album', { albumId: missing }));
    expect(finished).toMatchObject({ state: 'completed', returnvalue: { refreshed: false }, attemptsMade: 1 });
    expect(await store.getAlbum(missing)).toBeNull();
  });

  it('never executes a job whose payload breaks the contract', async () => {
    await startDefaultWorker();
    const requests = emulator.stats().requests;
    const bad = [
      await add('catalog.refresh-album', { albumId: '../../v1/me' }, 3),
      await add('catalog.upsert-albums', { albums: [] }, 3),
      await add('catalog.upsert-albums', { albums: [summary('UpsertAlbumTest0000009', 'X')], extra: true }, 3),
    ];
    for (const id of bad) {
      const finished = await waitForFinished(defaultQueue, id);
      expect(finished).toMatchObject({ state: 'failed', attemptsMade: 1 });
      expect(finished.failedReason).toMatch(/^Invalid payload for catalog\./);
    }
    expect(emulator.stats().requests).toBe(requests);
    expect(await spotifyQueue.count()).toBe(0);
    expect(await store.getAlbum('UpsertAlbumTest0000009')).toBeNull();
  });

  describe('the catalogue refresh producer (catalog.refresh-stale)', () => {
    const refreshedAt = async (id: string): Promise<number> => (await store.getAlbum(id))!.album.refreshedAt.getTime();

    it('enqueues old entries once each (deduplicated per album), not fresh ones; they are refreshed through the spotify queue at priority 10', async () => {
      const albums = (await proxy.call('getArtistAlbums', { id: generatedArtistId(1) })).items.slice(0, 2);
      const fresh = (await proxy.call('getArtistAlbums', { id: generatedArtistId(3) })).items[0];
      await store.upsertAlbums([...albums, fresh].map((a) => ({ id: a.id, name: 'Old name', artists: [] })));
      await database.exec(`update public.albums set refreshed_at = now() - interval '40 days' where id = '${albums[0].id}'`);
      await database.exec(`update public.albums set refreshed_at = now() - interval '35 days' where id = '${albums[1].id}'`);
      const before = { old: await refreshedAt(albums[0].id), fresh: await refreshedAt(fresh.id) };
      await spotifyQueue.clean(0, 1000, 'completed');

      // Two runs before any refresh ran: one pending job per old album.
      const producer = new CatalogRefreshProducer(store, defaultQueue, silentLogger());
      expect(await producer.enqueueStale(30, 50)).toEqual({ stale: 2 });
      expect(await producer.enqueueStale(30, 50)).toEqual({ stale: 2 });
      const pending = await defaultQueue.getJobs(['prioritized', 'waiting']);
      expect(pending.map((job) => job.data.albumId).sort()).toEqual(albums.map((a) => a.id).sort());
      expect(pending.every((job) => job.name === 'catalog.refresh-album' && job.opts.priority === 10)).toBe(true);

      await startDefaultWorker();
      for (const job of pending) expect(await waitForFinished(defaultQueue, job.id!)).toMatchObject({ state: 'completed', returnvalue: { refreshed: true } });
      for (const album of albums) {
        const stored = await store.getAlbum(album.id);
        expect(stored?.album.name).toBe(album.name);
        expect(stored!.album.refreshedAt.getTime()).toBeGreaterThan(before.old);
      }
      expect(await refreshedAt(fresh.id)).toBe(before.fresh);
      const calls = completedCalls.filter((job) => job.data.method === 'getAlbum');
      expect(calls.map((job) => job.data.args.id).sort()).toEqual(albums.map((a) => a.id).sort());
      expect(calls.every((job) => job.data.priority === 10 && job.opts.priority === 10)).toBe(true);

      // Once refreshed, the scheduled job finds nothing to do.
      const finished = await waitForFinished(defaultQueue, await add('catalog.refresh-stale', { olderThanDays: 30, limit: 50 }));
      expect(finished).toMatchObject({ state: 'completed', returnvalue: { stale: 0 } });
    });

    it('registers the job scheduler with the schedule, and removes it when CATALOG_REFRESH_EVERY_MS is 0', async () => {
      await startDefaultWorker(silentLogger(), { everyMs: 3_600_000, olderThanDays: 7, batch: 20 });
      const scheduler = await defaultQueue.getJobScheduler(CATALOG_REFRESH_SCHEDULER_ID);
      expect(scheduler).toMatchObject({ name: 'catalog.refresh-stale', every: 3_600_000, template: { data: { olderThanDays: 7, limit: 20 } } });
      await worker.close();
      await startDefaultWorker();
      expect(await defaultQueue.getJobScheduler(CATALOG_REFRESH_SCHEDULER_ID)).toBeUndefined();
    });
  });
});
