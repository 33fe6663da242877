import request from 'supertest';
import { createEmulatorApp, type EmulatorHandle, type FaultKind, startEmulator } from '../src';
import { issueToken } from './support/helpers';
import { issueTokenOver } from './support/token';
import { answerOf, rawGet, waitFor } from './support/http';

const PATH = '/v1/artists/06HL4z0CvFAxyc27GXpf02';

describe('injected faults (rate 1, real sockets)', () => {
  let emu: EmulatorHandle;
  let auth: Record<string, string>;

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, generatedArtists: 0, rateLimitPer30s: 0 });
    auth = { Authorization: `Bearer ${await issueTokenOver(emu.url)}` };
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.reset());

  const only = (kind: FaultKind) => emu.configure({ faults: { http500: 0, http502: 0, http503: 0, hang: 0, reset: 0, malformedJson: 0, [kind]: 1 } });

  it('http500: 500 with a JSON error body', async () => {
    only('http500');
    const r = await answerOf(rawGet(emu.url + PATH, auth));
    expect(r.status).toBe(500);
    expect(JSON.parse(r.body)).toEqual({ error: { status: 500, message: 'Server error.' } });
    expect(emu.stats().faults.http500).toBe(1);
  });

  it('http502: 502 with no body', async () => {
    only('http502');
    const r = await answerOf(rawGet(emu.url + PATH, auth));
    expect(r.status).toBe(502);
    expect(r.body).toBe('');
  });

  it('http503: plain-text Envoy body, or empty when configured', async () => {
    only('http503');
    const text = await answerOf(rawGet(emu.url + PATH, auth));
    expect(text.status).toBe(503);
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect(text.body).toBe('upstream connect error or disconnect/reset before headers. reset reason: connection termination');
    emu.configure({ serviceUnavailableBody: 'empty' });
    const empty = await answerOf(rawGet(emu.url + PATH, auth)).finally(() => emu.configure({ serviceUnavailableBody: 'text' }));
    expect(empty).toMatchObject({ status: 503, body: '' });
  });

  it('malformedJson: 200 whose JSON body is truncated', async () => {
    only('malformedJson');
    const r = await answerOf(rawGet(emu.url + PATH, auth));
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.body.startsWith('{"external_urls"')).toBe(true);
    expect(() => JSON.parse(r.body)).toThrow();
    expect(emu.stats()).toMatchObject({ ok: 0, faults: { malformedJson: 1 }, byStatus: { '200': 1 } });
  });

  it('reset: the socket is destroyed without an answer', async () => {
    only('reset');
    const r = await rawGet(emu.url + PATH, auth);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['ECONNRESET', undefined]).toContain(r.error.code);
    await waitFor(() => emu.stats().inFlight === 0);
    expect(emu.stats().faults.reset).toBe(1);
  });

  it('hang: no answer until the client gives up, then the request is released', async () => {
    only('hang');
    const r = await rawGet(emu.url + PATH, auth, 200);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CLIENT_TIMEOUT');
    await waitFor(() => emu.stats().inFlight === 0);
    expect(emu.stats()).toMatchObject({ faults: { hang: 1 }, maxInFlight: 1, byStatus: {} });
  });

  it('close() does not wait for hanging requests', async () => {
    const other = await startEmulator({ port: 0, generatedArtists: 0, faults: { hang: 1 } });
    const headers = { Authorization: `Bearer ${await issueTokenOver(other.url)}` };
    const pending = rawGet(other.url + PATH, headers);
    await waitFor(() => other.stats().inFlight === 1);
    await other.close();
    const r = await pending;
    expect(r.ok).toBe(false);
  });
});

describe('fault decisions are seeded', () => {
  async function sequence(seed: number): Promise<number[]> {
    const { app, state } = createEmulatorApp({ generatedArtists: 0, seed, rateLimitPer30s: 0, faults: { http500: 0.3, http502: 0.2 } });
    const token = await issueToken(app);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) statuses.push((await request(app).get(PATH).set('Authorization', `Bearer ${token}`)).status);
    expect(state.stats().faults.http500 + state.stats().faults.http502).toBe(statuses.filter((s) => s !== 200).length);
    return statuses;
  }

  it('the same seed gives the same sequence; rates show up in it', async () => {
    const a = await sequence(7);
    expect(await sequence(7)).toEqual(a);
    expect(a).toContain(500);
    expect(a).toContain(502);
    expect(a).toContain(200);
  });
});

describe('latency', () => {
  it('holds requests open: concurrent requests show up in inFlight/maxInFlight', async () => {
    const emu = await startEmulator({ port: 0, generatedArtists: 0, latencyMs: 300 });
    try {
      const headers = { Authorization: `Bearer ${await issueTokenOver(emu.url)}` };
      const all = Promise.all([1, 2, 3].map(() => rawGet(emu.url + PATH, headers)));
      await waitFor(() => emu.stats().inFlight === 3);
      const results = await all;
      expect(results.every((r) => r.ok && r.res.status === 200)).toBe(true);
      expect(emu.stats()).toMatchObject({ inFlight: 0, maxInFlight: 3, ok: 3 });
    } finally {
      await emu.close();
    }
  });
});
