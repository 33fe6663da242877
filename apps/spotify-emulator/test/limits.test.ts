import { fakeClock, testEmulator } from './support/helpers';

const ARTIST = '/v1/artists/06HL4z0CvFAxyc27GXpf02';

describe('rolling 30 s rate limit', () => {
  it('with limit N, N+1 rapid requests get exactly one 429 with Retry-After ≥ 1, maxPer30s == N', async () => {
    const emu = await testEmulator({ rateLimitPer30s: 4 });
    const statuses: number[] = [];
    let limited: { headers: Record<string, string>; body: unknown } | undefined;
    for (let i = 0; i < 5; i += 1) {
      const res = await emu.get(ARTIST);
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(statuses[4]).toBe(429);
    expect(limited?.body).toEqual({ error: { status: 429, message: 'API rate limit exceeded' } });
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(emu.state.stats()).toMatchObject({ requests: 5, accepted: 4, rateLimited: 1, maxPer30s: 4, ok: 4 });
  });

  it('Retry-After is the ceiling of when the oldest accepted request leaves the window', async () => {
    const clock = fakeClock();
    const emu = await testEmulator({ rateLimitPer30s: 2, now: clock.now });
    await emu.get(ARTIST).expect(200); // t = 0
    clock.advance(10_500);
    await emu.get(ARTIST).expect(200); // t = 10.5 s
    clock.advance(1_000);
    const res = await emu.get(ARTIST).expect(429); // t = 11.5 s; oldest leaves at 30 s -> 18.5 s -> 19
    expect(res.headers['retry-after']).toBe('19');
    clock.advance(18_499);
    expect((await emu.get(ARTIST).expect(429)).headers['retry-after']).toBe('1');
    clock.advance(1); // exactly 30 s after the first: it has left the window
    await emu.get(ARTIST).expect(200);
    expect(emu.state.stats()).toMatchObject({ accepted: 3, rateLimited: 2, maxPer30s: 2, inWindow: 2 });
  });

  it('rejected requests are not counted as accepted', async () => {
    const clock = fakeClock();
    const emu = await testEmulator({ rateLimitPer30s: 1, now: clock.now });
    await emu.get(ARTIST).expect(200);
    for (let i = 0; i < 3; i += 1) {
      clock.advance(5_000);
      await emu.get(ARTIST).expect(429);
    }
    clock.advance(15_000); // 30 s after the only accepted request
    await emu.get(ARTIST).expect(200);
    expect(emu.state.stats()).toMatchObject({ accepted: 2, rateLimited: 3, maxPer30s: 1 });
  });

  it('maxPer30s is the densest 30 s span of accepted requests, measured exactly', async () => {
    const clock = fakeClock();
    const emu = await testEmulator({ rateLimitPer30s: 0, now: clock.now });
    const gaps = [0, 10_000, 10_000, 9_999, 1, 20_000, 1_000];
    // accepted at 0, 10 000, 20 000, 29 999, 30 000, 50 000, 51 000
    for (const gap of gaps) {
      clock.advance(gap);
      await emu.get(ARTIST).expect(200);
    }
    // (−1, 29 999] holds 4; (0, 30 000] holds 4; (21 000, 51 000] holds 4; no window holds 5
    expect(emu.state.stats().maxPer30s).toBe(4);
  });

  it('lowering the limit at run time applies to the current window', async () => {
    const clock = fakeClock();
    const emu = await testEmulator({ rateLimitPer30s: 10, now: clock.now });
    for (let i = 0; i < 4; i += 1) {
      await emu.get(ARTIST).expect(200);
      clock.advance(1_000);
    }
    emu.state.configure({ rateLimitPer30s: 2 });
    // 4 in window (t = 0,1,2,3 s), now 4 s; count drops below 2 when the 3rd oldest (2 s) leaves at 32 s
    expect((await emu.get(ARTIST).expect(429)).headers['retry-after']).toBe('28');
  });
});

describe('daily quota', () => {
  it('answers QUOTA_EXCEEDED with Retry-After in hours once the quota is used', async () => {
    const emu = await testEmulator({ dailyQuota: 3, rateLimitPer30s: 0 });
    for (let i = 0; i < 3; i += 1) await emu.get(ARTIST).expect(200);
    const res = await emu.get(ARTIST).expect(429);
    expect(res.body).toEqual({ error: { status: 429, message: 'Too many requests', reason: 'QUOTA_EXCEEDED' } });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3600);
    expect(retryAfter).toBeLessThanOrEqual(52_531);
    expect(emu.state.stats()).toMatchObject({ accepted: 3, quotaExceeded: 1, quotaUsed: 3 });
  });

  it('counts down honestly and resets after quotaRetryAfterS', async () => {
    const clock = fakeClock();
    const emu = await testEmulator({ dailyQuota: 1, quotaRetryAfterS: 7_200, rateLimitPer30s: 0, tokenTtlS: 86_400, now: clock.now });
    await emu.get(ARTIST).expect(200);
    expect((await emu.get(ARTIST).expect(429)).headers['retry-after']).toBe('7200');
    clock.advance(3_600_000);
    expect((await emu.get(ARTIST).expect(429)).headers['retry-after']).toBe('3600');
    clock.advance(3_600_000);
    await emu.get(ARTIST).expect(200);
  });

  it('quota takes precedence over the rolling window', async () => {
    const emu = await testEmulator({ dailyQuota: 1, rateLimitPer30s: 1 });
    await emu.get(ARTIST).expect(200);
    expect((await emu.get(ARTIST).expect(429)).body.error.reason).toBe('QUOTA_EXCEEDED');
  });
});

describe('forceRetryAfterS', () => {
  it('answers every authorised /v1 request with 429 and the given Retry-After', async () => {
    const emu = await testEmulator({ forceRetryAfterS: 20_000 });
    for (let i = 0; i < 2; i += 1) {
      const res = await emu.get(ARTIST).expect(429);
      expect(res.headers['retry-after']).toBe('20000');
      expect(res.body).toEqual({ error: { status: 429, message: 'API rate limit exceeded' } });
    }
    emu.state.configure({ forceRetryAfterS: null });
    await emu.get(ARTIST).expect(200);
    expect(emu.state.stats()).toMatchObject({ rateLimited: 2, accepted: 1 });
  });
});
