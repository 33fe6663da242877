import fc from 'fast-check';
import request from 'supertest';
import { linesLeaking } from '../support/secret-values';
import { expectSafeAnswer, prototypeIsClean, rawRequest } from './support/answers';
import { KNOWN_ALBUM_ID, startHostileHarness } from './support/hostile-harness';
import { useStarted } from '@albumboard/test-support';

/** Bytes: invalid UTF-8 (lone continuation bytes, overlong forms, 0xFF), controls and plain text. */
const hostileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 24 }),
  fc.constantFrom(
    [0xff, 0xfe],
    [0xc0, 0xaf],
    [0xe0, 0x80, 0xaf],
    [0xed, 0xa0, 0x80], // a UTF-16 surrogate encoded in UTF-8
    [0x80],
    [0x00],
    [0x1b, 0x5b, 0x33, 0x31, 0x6d], // an ANSI escape
    [0x0d, 0x0a], // CR LF: header injection
    [0x7f],
  ).map((list) => Uint8Array.from(list)),
  fc.string({ maxLength: 20 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
);
const target = fc.constantFrom('/api/v1/search?query=', '/api/v1/albums/', '/api/v1/leaderboard?window=', '/healthz?x=', '/');

function requestBytes(parts: { method: string; path: string; pathBytes: Uint8Array; headerName: string; headerBytes: Uint8Array; contentType: string; body: Uint8Array; auth?: string }): Buffer {
  const head = [
    Buffer.from(`${parts.method} ${parts.path}`, 'latin1'),
    Buffer.from(parts.pathBytes),
    Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${parts.auth ? `Authorization: ${parts.auth}\r\n` : ''}`, 'latin1'),
    Buffer.from(`${parts.headerName}: `, 'latin1'),
    Buffer.from(parts.headerBytes),
    Buffer.from(`\r\nContent-Type: ${parts.contentType}\r\nContent-Length: ${parts.body.length}\r\n\r\n`, 'latin1'),
  ];
  return Buffer.concat([...head, Buffer.from(parts.body)]);
}

describe('property: raw HTTP with invalid UTF-8, control characters and wrong content types', () => {
  const h = useStarted(() => startHostileHarness('prop_raw'));

  it('answers (never a 5xx, never silence) raw requests with hostile bytes in the target, a header and the body', async () => {
    const parts = fc.record({
      method: fc.constantFrom('GET', 'PUT', 'DELETE', 'POST', 'HEAD', 'OPTIONS'),
      path: target,
      pathBytes: hostileBytes,
      headerName: fc.constantFrom('X-Request-Id', 'X-Forwarded-For', 'Accept', 'User-Agent', 'Cookie'),
      headerBytes: hostileBytes,
      contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', 'application/json; charset=koi8-r', 'image/png'),
      body: hostileBytes,
      withAuth: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(parts, async ({ withAuth, ...p }) => {
        const before = await h.settledUpstreamRequests();
        const bytes = requestBytes({ ...p, auth: withAuth ? h.bearer : undefined });
        const res = await rawRequest(h.port, bytes);
        const context = JSON.stringify(bytes.toString('latin1').slice(0, 160));
        expect({ context, answered: res.status !== 0 }).toEqual({ context, answered: true });
        // Node's own parser refuses some requests (400 without a JSON body); everything Express answers has the shape.
        const fromNode = /^HTTP\/1\.1 400 Bad Request\r\nConnection: close$/.test(res.head);
        if (!fromNode) expectSafeAnswer({ status: res.status, text: res.status >= 400 && p.method !== 'HEAD' ? jsonPart(res.text) : '', headers: {} }, context);
        else expect(res.status).toBe(400);
        if (res.status >= 400) expect(h.upstreamRequests()).toBe(before);
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 100 },
    );
    await request(h.server).get('/healthz').expect(200); // the process is still serving
  });

  it('reads a rating body with invalid UTF-8 or an unsupported charset as a client error', async () => {
    const put = (body: Buffer, contentType: string) =>
      rawRequest(
        h.port,
        Buffer.concat([
          Buffer.from(`PUT /api/v1/albums/${KNOWN_ALBUM_ID}/rating HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: ${h.bearer}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`, 'latin1'),
          body,
        ]),
      );
    const before = await h.settledUpstreamRequests();
    for (const [body, type] of [
      [Buffer.from([0x7b, 0x22, 0x73, 0x63, 0x6f, 0x72, 0x65, 0x22, 0x3a, 0xff, 0x7d]), 'application/json'], // {"score":\xff}
      [Buffer.concat([Buffer.from('{"score":5,"x":"'), Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80]), Buffer.from('"}')]), 'application/json'],
      [Buffer.from('{"score":5}'), 'application/json; charset=x-unknown'],
      [Buffer.from('\u0000\u0001\u0002'), 'application/json'],
    ] as const) {
      const res = await put(body, type);
      expect(res.status).toBe(type.includes('x-unknown') ? 415 : 400);
      expectSafeAnswer({ status: res.status, text: jsonPart(res.text), headers: {} }, type);
    }
    // A body that really is UTF-16 and says so is read correctly (body-parser decodes the utf-* charsets).
    expect((await put(Buffer.from('{"score":6}', 'utf16le'), 'application/json; charset=utf-16le')).status).toBe(200);
    expect(h.upstreamRequests()).toBe(before);
  });

  it('refuses control characters and CR/LF in header values at the parser (400), and keeps serving', async () => {
    for (const value of ['a\u0001b', 'a\u0000b', 'a\rInjected: 1', 'a\u007fb']) {
      const res = await rawRequest(h.port, Buffer.from(`GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Request-Id: ${value}\r\n\r\n`, 'latin1'));
      expect(res.status).toBe(400);
    }
    const smuggled = await rawRequest(
      h.port,
      Buffer.from('POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n', 'latin1'),
    );
    expect(smuggled.status).toBe(400);
    await request(h.server).get('/healthz').expect(200);
  });

  it('leaves Object.prototype unpolluted and writes no secret to the logs', () => {
    expect(prototypeIsClean()).toBe(true);
    expect(linesLeaking(h.logLines, h.secrets)).toEqual([]);
  });
});

/** The JSON of an answer body (chunked framing removed). */
function jsonPart(text: string): string {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  return start >= 0 && end > start ? text.slice(start, end + 1) : text;
}
