import type { Express } from 'express';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '../src/app';
import { listServedRoutes } from './support/served-routes';
import { apiRedis, logger, recordingCaller, testConfig } from './support/test-env';

type Operation = { parameters?: { name?: string; in?: string; required?: boolean; schema?: Record<string, unknown> }[]; responses: Record<string, { headers?: Record<string, unknown> }> };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

describe('GET /api/v1/openapi.json', () => {
  let redis: Redis;
  let app: Express;
  let doc: Document;

  beforeAll(async () => {
    redis = apiRedis();
    app = createApp({ config: testConfig(), redis, spotify: recordingCaller(), logger });
    doc = (await request(app).get('/api/v1/openapi.json').expect(200)).body as Document;
  });

  afterAll(() => {
    redis.disconnect();
  });

  it('is an OpenAPI 3.1 document', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.schemas).sort()).toEqual([
      'AlbumResponse',
      'ApiIndexResponse',
      'ErrorResponse',
      'HealthResponse',
      'LeaderboardResponse',
      'RatingRequest',
      'RatingResponse',
      'ReadinessResponse',
      'SearchResponse',
      'StatusResponse',
      'UserRatingsResponse',
    ]);
  });

  it('describes exactly the routes the app serves', () => {
    const served = listServedRoutes(app).map((r) => `${r.method.toUpperCase()} ${r.path}`).sort();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(served).toContain('GET /api/v1/search');
    expect(documented).toEqual(served);
  });

  it('GET / points at the API reference and this document (JSON, 200)', async () => {
    const res = await request(app).get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({ name: 'albumboard API', docs: '/docs', openapi: '/api/v1/openapi.json' });
    await request(app).get(res.body.openapi).expect(200);
    await request(app).get(res.body.docs).expect(301);
  });

  it('documents the search parameters from the validation schema, and the error answers', () => {
    const search = doc.paths['/api/v1/search']?.get as Operation;
    const params = Object.fromEntries((search.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p]));
    expect(params.query).toMatchObject({ required: true, schema: { type: 'string', minLength: 1, maxLength: 200 } });
    expect(params.limit).toMatchObject({ required: false, schema: { type: 'integer', minimum: 1, maximum: 50 } });
    expect(params.offset).toMatchObject({ required: false, schema: { type: 'integer', minimum: 0, maximum: 1000 } });
    expect(params.market).toMatchObject({ required: false, schema: { type: 'string', pattern: '^[A-Za-z]{2}$' } });
    expect(Object.keys(search.responses)).toEqual(expect.arrayContaining(['200', '400', '503', '504']));
    expect(search.responses['503']?.headers).toHaveProperty('Retry-After');
  });
});
