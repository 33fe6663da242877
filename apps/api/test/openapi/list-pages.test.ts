import type { AlbumSummary, ArtistAlbumsResult } from '@albumboard/queue-contracts';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/app';
import { mintDevToken } from '../../src/auth/dev-token';
import { createTestStore, type TestStore } from '../support/test-database';
import { logger, recordingCaller, testConfig, useApiRedis } from '../support/test-env';
import { bearer } from '../support/tokens';

type Schema = { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; maximum?: number; minimum?: number; default?: number };
type Operation = { parameters?: { name: string; in: string; schema: Schema }[]; responses: Record<string, { content?: Record<string, { schema: Schema }> }> };
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

const ALBUMS = 3;
const albumId = (i: number): string => `listpages${String(i).padStart(13, '0')}`;
const album = (i: number): AlbumSummary => ({
  id: albumId(i),
  name: `Album ${i}`,
  artists: [{ id: 'listpagesartist0000001', name: 'Artist' }],
  releaseDate: '2020-01-01',
  releaseDatePrecision: 'day',
  totalTracks: 10,
  imageUrl: null,
  spotifyUrl: null,
  albumType: 'album',
});

/**
 * Every list endpoint, found in the served OpenAPI document (an operation taking `limit` and `offset`), is documented
 * with the one page shape and answers it: `{ items, total, limit, offset, nextOffset }`, nextOffset null on the last page.
 */
describe('every list answers the one page shape', () => {
  const config = testConfig({ SEARCH_CACHE_TTL_S: '0' });
  const { redis, track } = useApiRedis();
  track(config.QUEUE_PREFIX);
  let db: TestStore;
  let app: Express;
  let doc: Document;
  let auth: string;

  // Spotify's side: an artist with ALBUMS albums, paged as asked.
  const spotify = recordingCaller(((_method: string, args: { limit: number; offset: number }): ArtistAlbumsResult => ({
    artist: { id: 'listpagesartist0000001', name: 'Artist', imageUrl: null, spotifyUrl: null, genres: [], popularity: 1 },
    albums: {
      items: Array.from({ length: ALBUMS }, (_, i) => album(i)).slice(args.offset, args.offset + args.limit),
      total: ALBUMS,
      limit: args.limit,
      offset: args.offset,
      hasMore: args.offset + args.limit < ALBUMS,
    },
  })) as unknown as Parameters<typeof recordingCaller>[0]);

  beforeAll(async () => {
    db = await createTestStore('list_pages');
    app = createApp({ config, redis, spotify, logger, ratings: db.store });
    doc = (await request(app).get('/api/v1/openapi.json').expect(200)).body as Document;
    // ALBUMS albums, each rated by the user (so /me/ratings has ALBUMS items) and on the `all` board.
    const { token, userId } = await mintDevToken('listpages');
    auth = bearer(token);
    await db.store.upsertAlbums(Array.from({ length: ALBUMS }, (_, i) => album(i)).map(({ releaseDatePrecision: _precision, ...stored }) => stored));
    for (let i = 0; i < ALBUMS; i += 1) await db.store.submitRating(userId, albumId(i), i + 5);
    await db.store.recomputeLeaderboard('all');
  });

  afterAll(async () => {
    await db.drop();
  });

  const resolve = (schema: Schema): Schema => (schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!] : schema);
  const lists = (): [string, Operation][] =>
    Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, op]) => ['limit', 'offset'].every((name) => op.parameters?.some((p) => p.in === 'query' && p.name === name)))
        .map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]),
    );
  /** What a client sends to each list besides limit and offset. */
  const ask: Record<string, { query: string; auth?: boolean }> = {
    'GET /api/v1/search': { query: 'query=Artist&' },
    'GET /api/v1/me/ratings': { query: '', auth: true },
    'GET /api/v1/leaderboard': { query: 'window=all&' },
  };

  it('the document has exactly these lists, each taking limit 1–50 (default 20, search 10) and offset from 0', () => {
    expect(lists().map(([name]) => name).sort()).toEqual(Object.keys(ask).sort());
    for (const [name, op] of lists()) {
      const limit = op.parameters!.find((p) => p.name === 'limit')!.schema;
      const offset = op.parameters!.find((p) => p.name === 'offset')!.schema;
      expect(limit).toMatchObject({ type: 'integer', minimum: 1, maximum: 50, default: name === 'GET /api/v1/search' ? 10 : 20 });
      expect(offset).toMatchObject({ type: 'integer', minimum: 0, default: 0 });
    }
  });

  it('the document declares the page shape as each list 200 answer', () => {
    for (const [name, op] of lists()) {
      const page = resolve(op.responses['200']!.content!['application/json']!.schema);
      expect([name, page.required]).toEqual([name, expect.arrayContaining(['items', 'total', 'limit', 'offset', 'nextOffset'])]);
      expect(page.properties?.items).toMatchObject({ type: 'array' });
      for (const field of ['total', 'limit', 'offset']) expect(page.properties?.[field]).toMatchObject({ type: 'integer' });
      expect(page.properties?.nextOffset).toMatchObject({ anyOf: [{ type: 'integer' }, { type: 'null' }] });
    }
  });

  it.each(Object.keys(ask))('%s pages through all items: nextOffset leads to the next page and is null on the last', async (name) => {
    const path = name.split(' ')[1];
    const get = (qs: string) => {
      const req = request(app).get(`${path}?${ask[name].query}${qs}`);
      return ask[name].auth ? req.set('Authorization', auth) : req;
    };
    const seen: unknown[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const res = await get(`limit=2&offset=${offset}`).expect(200);
      expect(res.body).toEqual(expect.objectContaining({ total: ALBUMS, limit: 2, offset }));
      expect(Object.keys(res.body)).toEqual(expect.arrayContaining(['items', 'total', 'limit', 'offset', 'nextOffset']));
      seen.push(...(res.body.items as unknown[]));
      expect(res.body.nextOffset).toBe(offset + 2 < ALBUMS ? offset + 2 : null);
      offset = res.body.nextOffset as number | null;
    }
    expect(seen).toHaveLength(ALBUMS);
    const defaults = await get('').expect(200);
    expect(defaults.body).toMatchObject({ limit: name === 'GET /api/v1/search' ? 10 : 20, offset: 0, total: ALBUMS, nextOffset: null });
    const tooMany = await get('limit=51').expect(400);
    expect(tooMany.body.error.message).toBe('limit must be a whole number from 1 to 50');
  });
});
