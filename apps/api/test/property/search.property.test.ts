import { parse as parseQueryString } from 'node:querystring';
import fc from 'fast-check';
import request from 'supertest';
import { parseQuery } from '../../src/middleware/validate-request';
import { searchQuerySchema } from '../../src/schemas/search.schema';
import { linesLeaking } from '../support/secret-values';
import { expectDocumentedStatus, expectSafeAnswer, percentEncode, prototypeIsClean } from './support/answers';
import { startHostileHarness } from './support/hostile-harness';
import { useStarted } from '@albumboard/test-support';

const TIMEOUT = { response: 9000, deadline: 10_000 };
const KEYS = ['query', 'limit', 'offset', 'market', 'query[]', 'limit[x]', '__proto__', 'constructor', 'prototype', '__proto__[polluted]', 'constructor[prototype][polluted]', 'hasOwnProperty', 'toString'];
const TEXTS = ['', ' ', 'Taylor Swift', 'beyonce', '__proto__', 'constructor', '%', '%ZZ', '\u0000', '\r\n', 'a'.repeat(201), 'x'.repeat(200), '-1', '1e3', '1.5', '99999999999', '0x10', 'US', 'us', 'ZZ'];

/** A query-string value: text (any unicode, lone surrogates included), raw bytes (invalid UTF-8) or a known trap. */
const value = fc.oneof(
  fc.string({ maxLength: 40 }).map((s) => percentEncode(s)),
  fc.string({ unit: 'binary', maxLength: 20 }).map((s) => percentEncode(s)),
  fc.uint8Array({ maxLength: 12 }).map((bytes) => percentEncode(bytes)),
  fc.constantFrom(...TEXTS).map((s) => percentEncode(s)),
  fc.integer({ min: -5, max: 2000 }).map(String),
  fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).map((s) => s.replace(/[#&\s]/g, '')), // unencoded
);
const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ unit: 'grapheme-ascii', maxLength: 8 }).map((s) => encodeURIComponent(s)));
const pairs = fc.array(fc.tuple(key, value), { maxLength: 8 });
/** Mostly well-formed searches with a twist (out-of-range numbers, odd markets, extra keys), to reach the deep paths too. */
const nearlyValid = fc
  .record({
    query: fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.constantFrom('Taylor Swift', 'Radiohead', 'Generated Artist 0042', 'ÉÀ ü 日本', '  spaced  out  ')),
    limit: fc.option(fc.integer({ min: -2, max: 60 }).map(String)),
    offset: fc.option(fc.integer({ min: -2, max: 1100 }).map(String)),
    market: fc.option(fc.constantFrom('US', 'gb', 'XX', 'USA', '1', '')),
  })
  .chain((fields) =>
    pairs.map((extra) =>
      [
        ...Object.entries(fields).flatMap(([k, v]) => (v === null ? [] : [`${k}=${percentEncode(v)}`])),
        ...extra.slice(0, extra.length % 2).map(([k, v]) => `${k}=${v}`), // half of them with one extra pair
      ].join('&'),
    ),
  );
const queryString = fc.oneof(pairs.map((list) => list.map(([k, v]) => `${k}=${v}`).join('&')), { arbitrary: nearlyValid, weight: 2 });

/** What the API must do with this query string: refuse it (400, nothing sent upstream) or answer it. */
function mustRefuse(qs: string): boolean {
  try {
    parseQuery(searchQuerySchema, parseQueryString(qs) as Record<string, unknown>);
    return false;
  } catch {
    return true;
  }
}

describe('property: GET /api/v1/search under generated query strings and headers', () => {
  const h = useStarted(() => startHostileHarness('prop_search'));

  it('answers every generated query string without a server error; refused ones never reach Spotify', async () => {
    let refused = 0;
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(queryString, async (qs) => {
        const before = h.upstreamRequests();
        const res = await request(h.server).get(`/api/v1/search?${qs}`).timeout(TIMEOUT);
        expectSafeAnswer(res, `GET /api/v1/search?${qs}`);
        expectDocumentedStatus('GET', '/api/v1/search', res, `GET /api/v1/search?${qs}`);
        if (mustRefuse(qs)) {
          refused += 1;
          expect(res.status).toBe(400);
          expect(res.body.error.code).toBe('invalid_request');
          expect(h.upstreamRequests()).toBe(before);
        } else {
          answered += 1;
          expect(res.status).toBe(200);
        }
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 100 },
    );
    // The generator really produces both: hostile input, and input that goes all the way to Spotify.
    expect(refused).toBeGreaterThanOrEqual(10);
    expect(answered).toBeGreaterThanOrEqual(10);
  });

  it('answers generated headers (request ids, forwarded-for chains, accept, auth, content types) without a server error', async () => {
    const headerText = fc.string({ unit: 'grapheme-ascii', maxLength: 200 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
    const headers = fc.record(
      {
        'x-request-id': fc.oneof(headerText, fc.constant('a'.repeat(5000))),
        'x-forwarded-for': fc.oneof(headerText, fc.array(fc.ipV4(), { maxLength: 5 }).map((ips) => ips.join(', ')), fc.ipV6()),
        accept: headerText,
        authorization: headerText,
        'content-type': headerText,
        'accept-encoding': headerText,
        origin: headerText,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(headers, fc.constantFrom('', 'query=', 'query=Radiohead', 'query[]=a&query[]=b'), async (set, qs) => {
        const before = h.upstreamRequests();
        const req = request(h.server).get(`/api/v1/search?${qs}`).timeout(TIMEOUT);
        for (const [name, v] of Object.entries(set)) req.set(name, v);
        const res = await req;
        expectSafeAnswer(res, `headers ${JSON.stringify(set).slice(0, 200)}`);
        if (qs !== 'query=Radiohead') {
          expect(res.status).toBe(400);
          expect(h.upstreamRequests()).toBe(before);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('refuses arrays, bracketed forms and unknown markets, without calling Spotify', async () => {
    const before = h.upstreamRequests();
    for (const qs of ['query=a&query=b', 'query[]=a&query[]=b', 'query[0]=a', 'limit=1&limit=2', 'query=Adele&market[]=US', 'query=Adele&offset[$gt]=1', 'query=Adele&market=XX', 'query=Adele&market=ZZ']) {
      const res = await request(h.server).get(`/api/v1/search?${qs}`).timeout(TIMEOUT);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
    expect(h.upstreamRequests()).toBe(before);
  });

  it('refuses an oversized query string (400 from the schema, 431 from Node past its header limit), never a 5xx', async () => {
    const before = h.upstreamRequests();
    const big = await request(h.server).get(`/api/v1/search?query=${'a'.repeat(8000)}`).timeout(TIMEOUT);
    expect(big.status).toBe(400);
    const huge = await request(h.server).get(`/api/v1/search?query=${'a'.repeat(20_000)}`).timeout(TIMEOUT).ok(() => true);
    expect(huge.status).toBe(431);
    const manyKeys = Array.from({ length: 2000 }, (_, i) => `k${i}=v`).join('&');
    const many = await request(h.server).get(`/api/v1/search?${manyKeys}`).timeout(TIMEOUT);
    expect(many.status).toBe(400); // `query` is missing; the extra keys are ignored, not a crash
    expect(h.upstreamRequests()).toBe(before);
  });

  it('leaves Object.prototype unpolluted and writes no secret to the logs', () => {
    expect(prototypeIsClean()).toBe(true);
    expect(h.logLines.length).toBeGreaterThan(100);
    expect(linesLeaking(h.logLines, h.secrets)).toEqual([]);
  });
});
