import { silentLogger } from '@albumboard/observability';
import { jobCatalog, type AlbumSummary } from '@albumboard/queue-contracts';
import { createPostgresRatingStore, type RatingStore } from '@albumboard/rating-store';
import { createSpotifyCaller, type SpotifyCaller } from '@albumboard/spotify-client';
import { generatedArtistId, startEmulator, type EmulatorHandle } from '@albumboard/spotify-emulator';
import { createSpotifyWorker, type SpotifyWorker } from '@albumboard/worker-spotify/dist/app';
import { loadConfig as loadSpotifyWorkerConfig } from '@albumboard/worker-spotify/dist/config';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createDefaultWorker, type DefaultWorker } from '../src/app';
import { captureLogger, createTestDatabase, deletePrefix, REDIS_URL, uniquePrefix, waitForFinished, workerConnection } from './helpers';

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
  let database: { url: string; drop(): Promise<void> };
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

  function startDefaultWorker(logger = silentLogger()): DefaultWorker {
    worker = createDefaultWorker({ config: { queuePrefix: prefix, concurrency: 2 }, connection: connections[1], logger, ratingStore: store, spotify: proxy });
    return worker;
  }

  async function add<N extends 'catalog.upsert-albums' | 'catalog.refresh-album'>(name: N, data: unknown, attempts?: number): Promise<string> {
    const job = await defaultQueue.add(name, data, { ...jobCatalog[name].options, ...(attempts ? { attempts } : {}) });
    return job.id!;
  }

  it('catalog.upsert-albums lands the albums in the catalogue and skips one the store cannot hold', async () => {
    const { logger, lines } = captureLogger();
    startDefaultWorker(logger);
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
    startDefaultWorker();

    const finished = await waitForFinished(defaultQueue, await add('catalog.refresh-album', { albumId: target.id }));
    expect(finished).toMatchObject({ state: 'completed', returnvalue: { refreshed: true } });
    const stored = await store.getAlbum(target.id);
    expect(stored?.album.name).toBe(target.name);
    expect(stored?.album.artists).toEqual(target.artists);
    expect(emulator.stats().byEndpoint['GET /v1/albums/{id}']).toBe(before + 1);
    const calls = (await spotifyQueue.getJobs(['completed'])).filter((job) => job.data.method === 'getAlbum');
    expect(calls).toHaveLength(1);
    expect(calls[0].data).toMatchObject({ args: { id: target.id }, priority: 10 });
    expect(calls[0].opts.priority).toBe(10);
  });

  it('an album Spotify does not have is reported, not retried, and not created', async () => {
    startDefaultWorker();
    const missing = 'NoSuchAlbumOnSpotify00';
    const finished = await waitForFinished(defaultQueue, await add('catalog.refresh-album', { albumId: missing }));
    expect(finished).toMatchObject({ state: 'completed', returnvalue: { refreshed: false }, attemptsMade: 1 });
    expect(await store.getAlbum(missing)).toBeNull();
  });

  it('never executes a job whose payload breaks the contract', async () => {
    startDefaultWorker();
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
});
