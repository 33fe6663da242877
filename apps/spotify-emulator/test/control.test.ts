import request from 'supertest';
import { DEFAULT_RUNTIME_CONFIG, EmulatorConfigError } from '../src';
import { testEmulator } from './support/helpers';

describe('control API /__emulator', () => {
  it('GET /stats reports every documented field', async () => {
    const emu = await testEmulator({ rateLimitPer30s: 2 });
    await emu.get('/v1/search?q=queen&type=artist').expect(200);
    await emu.get('/v1/artists/1dfeR4HaWDbWqFHLkxsg1d').expect(200);
    await emu.get('/v1/artists/1dfeR4HaWDbWqFHLkxsg1d').expect(429);
    await request(emu.app).get('/v1/artists/1dfeR4HaWDbWqFHLkxsg1d').expect(401);
    const res = await request(emu.app).get('/__emulator/stats').expect(200);
    expect(res.body).toEqual({
      requests: 4,
      accepted: 2,
      ok: 2,
      rateLimited: 1,
      quotaExceeded: 0,
      unauthorized: 1,
      inFlight: 0,
      maxInFlight: 1,
      maxPer30s: 2,
      inWindow: 2,
      quotaUsed: 2,
      byEndpoint: { 'GET /v1/search': 1, 'GET /v1/artists/{id}': 3 },
      byEndpointStatus: { 'GET /v1/search': { '200': 1 }, 'GET /v1/artists/{id}': { '200': 1, '429': 1, '401': 1 } },
      byStatus: { '200': 2, '429': 1, '401': 1 },
      faults: { http500: 0, http502: 0, http503: 0, hang: 0, reset: 0, malformedJson: 0 },
      tokens: { requests: 1, issued: 1, errors: 0, active: 1 },
    });
  });

  it('control endpoints are never rate limited or counted', async () => {
    const emu = await testEmulator({ rateLimitPer30s: 1, forceRetryAfterS: 5 });
    for (let i = 0; i < 5; i += 1) await request(emu.app).get('/__emulator/stats').expect(200);
    expect(emu.state.stats().requests).toBe(0);
  });

  it('POST /reset zeroes counters, window and quota', async () => {
    const emu = await testEmulator({ rateLimitPer30s: 1, dailyQuota: 5 });
    await emu.get('/v1/artists/1dfeR4HaWDbWqFHLkxsg1d').expect(200);
    await emu.get('/v1/artists/1dfeR4HaWDbWqFHLkxsg1d').expect(429);
    await request(emu.app).post('/__emulator/reset').expect(200);
    expect(emu.state.stats()).toMatchObject({ requests: 0, accepted: 0, maxPer30s: 0, inWindow: 0, quotaUsed: 0, byEndpoint: {} });
    await emu.get('/v1/artists/1dfeR4HaWDbWqFHLkxsg1d').expect(200);
    await request(emu.app).post('/__emulator/reset?tokens=maybe').expect(400);
  });

  it('GET /config shows the run-time config and never the client secret', async () => {
    const emu = await testEmulator({ latencyMs: 5 });
    const res = await request(emu.app).get('/__emulator/config').expect(200);
    expect(res.body).toEqual({ ...DEFAULT_RUNTIME_CONFIG, latencyMs: 5 });
    expect(JSON.stringify(res.body)).not.toContain('albumboard-dev-secret');
  });

  it('PATCH /config merges a partial config, faults key by key', async () => {
    const emu = await testEmulator();
    await request(emu.app).patch('/__emulator/config').send({ faults: { http500: 0.25 } }).expect(200);
    const res = await request(emu.app).patch('/__emulator/config').send({ rateLimitPer30s: 7, faults: { reset: 0.5 } }).expect(200);
    expect(res.body).toMatchObject({ rateLimitPer30s: 7, faults: { http500: 0.25, reset: 0.5, hang: 0 } });
    expect(emu.state.config().rateLimitPer30s).toBe(7);
  });

  it.each([
    [{ rateLimitPer30s: -1 }, 'rateLimitPer30s'],
    [{ latencyMs: 'fast' }, 'latencyMs'],
    [{ faults: { http500: 1.5 } }, 'faults.http500'],
    [{ faults: { teapot: 0.1 } }, 'faults'],
    [{ unknownSetting: true }, ''],
    [{ faults: { http500: 0.7, http502: 0.7 } }, 'faults'],
  ])('PATCH /config rejects %j with 400 and details', async (patch, path) => {
    const emu = await testEmulator();
    const before = emu.state.config();
    const res = await request(emu.app).patch('/__emulator/config').send(patch).expect(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_config', message: expect.any(String) });
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect(emu.state.config()).toEqual(before);
  });

  it('PATCH /config with a body that is not JSON is a 400 in the control error shape', async () => {
    const emu = await testEmulator();
    const res = await request(emu.app).patch('/__emulator/config').set('Content-Type', 'application/json').send('{nope').expect(400);
    expect(res.body).toEqual({ error: { code: 'invalid_body', message: expect.any(String) } });
  });

  it('configure() throws EmulatorConfigError listing the issues', async () => {
    const emu = await testEmulator();
    expect(() => emu.state.configure({ tokenTtlS: 0 })).toThrow(EmulatorConfigError);
  });
});
