import { startEmulator, type EmulatorHandle } from '@albumboard/spotify-emulator';
import type { SpotifyCaller } from '@albumboard/spotify-client';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '../src/app';
import { searchResponseSchema } from '../src/schemas/search.schema';
import { buildSpotifyCaller } from '../src/spotify-caller';
import { deletePrefix } from '@albumboard/test-support';
import { apiRedis, logger, testConfig } from './support/test-env';

describe('GET /api/v1/search with SPOTIFY_CALL_MODE=direct', () => {
  let emulator: EmulatorHandle;
  let redis: Redis;
  let spotify: SpotifyCaller;
  let app: Express;
  let prefix: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    const config = testConfig({ SPOTIFY_CALL_MODE: 'direct', SPOTIFY_API_URL: `${emulator.url}/v1`, SPOTIFY_ACCOUNTS_URL: emulator.url });
    prefix = config.QUEUE_PREFIX;
    redis = apiRedis();
    await redis.connect();
    spotify = buildSpotifyCaller(config, redis, logger);
    app = createApp({ config, redis, spotify, logger });
  });

  afterAll(async () => {
    await spotify.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
    await emulator.close();
  });

  it("answers Taylor Swift's albums from the emulator, then from the cache", async () => {
    const first = await request(app).get('/api/v1/search?query=Taylor+Swift&limit=5').expect(200);
    const body = first.body as Record<string, unknown>;
    expect(searchResponseSchema.parse(body)).toEqual(body);
    expect(first.body).toMatchObject({ query: 'Taylor Swift', artist: { name: 'Taylor Swift' }, cached: false });
    expect(first.body.items.length).toBeGreaterThan(0);
    expect(first.body.items.length).toBeLessThanOrEqual(5);
    expect(first.body).toMatchObject({ limit: 5, offset: 0 });
    const upstream = emulator.stats().requests;
    expect(upstream).toBeGreaterThan(0);

    const second = await request(app).get('/api/v1/search?query=taylor%20%20swift&limit=5').expect(200);
    expect(second.body).toEqual({ ...first.body, query: 'taylor  swift', cached: true });
    expect(emulator.stats().requests).toBe(upstream);
  });

  it('pages with limit and offset', async () => {
    const res = await request(app).get('/api/v1/search?query=Taylor+Swift&limit=3&offset=2').expect(200);
    expect(res.body.items).toHaveLength(3);
    expect(res.body).toMatchObject({ limit: 3, offset: 2, nextOffset: 5 });
    const next = await request(app).get('/api/v1/search?query=Taylor+Swift&limit=3&offset=5').expect(200);
    expect(next.body.items[0].id).not.toBe(res.body.items[0].id);
  });

  it('answers 200 with no artist and no albums when nobody matches', async () => {
    const res = await request(app).get('/api/v1/search?query=zzqx-nobody-by-this-name').expect(200);
    expect(res.body).toMatchObject({ artist: null, items: [], total: 0, nextOffset: null, cached: false });
  });
});
