import fc from 'fast-check';
import request from 'supertest';
import { listServedRoutes } from '../support/served-routes';
import { linesLeaking } from '../support/secret-values';
import { expectDocumentedStatus, expectSafeAnswer, percentEncode, prototypeIsClean } from './support/answers';
import { startHostileHarness, type HostileHarness } from './support/hostile-harness';

const TIMEOUT = { response: 9000, deadline: 10_000 };
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;
/** Answers whose status says something about the dependencies, not the request: compared with a plain request's. */
const READINESS = '/readyz';

const text = fc.oneof(
  fc.string({ maxLength: 30 }).map((s) => percentEncode(s)),
  fc.uint8Array({ maxLength: 10 }).map((bytes) => percentEncode(bytes)),
  fc.constantFrom('all', 'week', 'ALL', '', '1', '-1', '101', '10001', '1e2', '__proto__', 'constructor'),
);
const pairs = fc.array(fc.tuple(fc.constantFrom('window', 'limit', 'offset', 'window[]', 'limit[0]', '__proto__', 'constructor[prototype][polluted]', 'x'), text), { maxLength: 5 });
const qs = (list: [string, string][]) => list.map(([k, v]) => `${k}=${v}`).join('&');
const headerText = fc.string({ unit: 'grapheme-ascii', maxLength: 100 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));

describe('property: public reads, probes, documents and unknown routes under generated input', () => {
  let h: HostileHarness;
  let paths: string[];
  let readyStatus: number;
  let served: Set<string>;
  /** The route serves this method itself (the rest are the router's 404/405 or express's automatic HEAD/OPTIONS). */
  const documented = (method: string, path: string): boolean => served.has(`${method.toLowerCase()} ${path}`);

  beforeAll(async () => {
    h = await startHostileHarness('prop_public');
    paths = [...new Set(listServedRoutes(h.app).map((r) => r.path))];
    served = new Set(listServedRoutes(h.app).map((r) => `${r.method} ${r.path}`));
    readyStatus = (await request(h.server).get(READINESS)).status;
  });

  afterAll(async () => {
    await h.close();
  });

  it('GET /api/v1/leaderboard: 200 or 400 for any query, never a server error or a Spotify call', async () => {
    await fc.assert(
      fc.asyncProperty(pairs, async (list) => {
        const before = await h.settledUpstreamRequests();
        const res = await request(h.server).get(`/api/v1/leaderboard?${qs(list)}`).timeout(TIMEOUT);
        expectSafeAnswer(res, `leaderboard ${qs(list)}`);
        expectDocumentedStatus('GET', '/api/v1/leaderboard', res, `leaderboard ${qs(list)}`);
        expect([200, 400]).toContain(res.status);
        expect(h.upstreamRequests()).toBe(before);
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('GET /healthz and GET /api/v1/openapi.json answer 200 whatever the query and headers', async () => {
    const headers = fc.record({ accept: headerText, authorization: headerText, 'x-request-id': headerText, 'x-forwarded-for': headerText, cookie: headerText }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/healthz', '/api/v1/openapi.json'), pairs, headers, async (path, list, set) => {
        const req = request(h.server).get(`${path}?${qs(list)}`).timeout(TIMEOUT);
        for (const [name, value] of Object.entries(set)) req.set(name, value);
        const res = await req;
        expectSafeAnswer(res, `${path} ${JSON.stringify(set).slice(0, 100)}`);
        expect(res.status).toBe(200);
        if (path === '/healthz') expect(res.body).toEqual({ status: 'ok' });
        else expect(res.body.openapi).toBe('3.1.0');
      }),
      { numRuns: 100 },
    );
  });

  it('every served route, with any method, generated path segments, query and credentials: no server error', async () => {
    const route = fc.constantFrom(...paths);
    const segment = fc.oneof(text, fc.constantFrom('4aawyAB9vmqN3uQ7FjRGTy', '..', '%2e%2e%2f', '%00'));
    const authorization = fc.oneof(fc.constant(undefined), headerText, fc.constantFrom(`Bearer ${h.secrets[0]}x`, 'Basic Og==', 'Basic YWRtaW46', h.bearer));
    await fc.assert(
      fc.asyncProperty(route, fc.constantFrom(...METHODS), segment, pairs, authorization, async (path, method, seg, list, auth) => {
        const url = `${path.replace(/\{[^}]+\}/g, seg)}?${qs(list)}`;
        const before = await h.settledUpstreamRequests();
        const req = request(h.server)[method.toLowerCase() as 'get'](url).timeout(TIMEOUT);
        if (auth !== undefined) req.set('Authorization', auth);
        const res = await req;
        if (path === READINESS && (method === 'GET' || method === 'HEAD')) expect(res.status).toBe(readyStatus);
        else expectSafeAnswer(res, `${method} ${url.slice(0, 120)}`);
        if (documented(method, path)) expectDocumentedStatus(method, path, res, `${method} ${url.slice(0, 120)}`);
        const mayCallSpotify = method === 'GET' && (path.startsWith('/api/v1/search') || path.startsWith('/api/v1/albums/')) || method === 'PUT';
        if (!mayCallSpotify) expect(h.upstreamRequests()).toBe(before);
      }),
      { numRuns: 150 },
    );
  });

  it('unknown paths and methods: 404 (or 405) with the error shape, never a server error', async () => {
    const weirdPath = fc.oneof(
      fc.string({ maxLength: 40 }).map((s) => `/${percentEncode(s)}`),
      fc.constantFrom('/api/v1/../../etc/passwd', '/api/v1/%2e%2e/%2e%2e/etc/passwd', '//api//v1//search', '/api/v1/search/', '/API/V1/SEARCH', '/%00', '/api/v1/albums/', '/api/v1/albums//rating', '/admin/queues/../..', '/__proto__', '/constructor/prototype'),
      fc.array(fc.string({ unit: 'grapheme-ascii', maxLength: 10 }).map(encodeURIComponent), { maxLength: 6 }).map((parts) => `/${parts.join('/')}`),
    );
    await fc.assert(
      fc.asyncProperty(weirdPath, fc.constantFrom(...METHODS), async (path, method) => {
        const before = await h.settledUpstreamRequests();
        const res = await request(h.server)[method.toLowerCase() as 'get'](path).timeout(TIMEOUT);
        if (path.split('?')[0] === READINESS) return;
        expectSafeAnswer(res, `${method} ${path}`);
        if (method !== 'GET' && method !== 'PUT') expect(h.upstreamRequests()).toBe(before);
      }),
      { numRuns: 100 },
    );
  });

  it('leaves Object.prototype unpolluted and writes no secret to the logs', () => {
    expect(prototypeIsClean()).toBe(true);
    expect(h.logLines.length).toBeGreaterThan(100);
    expect(linesLeaking(h.logLines, h.secrets)).toEqual([]);
  });
});
