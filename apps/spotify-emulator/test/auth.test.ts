import request from 'supertest';
import { fakeClock, issueToken, testEmulator } from './support/helpers';

const UNAUTHORIZED = { error: { status: 401, message: 'Missing/invalid/expired access token' } };
const CHALLENGE = 'Bearer realm="spotify", error="invalid_token"';

describe('Web API authentication', () => {
  it('answers 401 with the challenge header when the token is missing', async () => {
    const { app } = await testEmulator();
    const res = await request(app).get('/v1/search?q=radiohead&type=artist').expect(401);
    expect(res.body).toEqual(UNAUTHORIZED);
    expect(res.headers['www-authenticate']).toBe(CHALLENGE);
  });

  it('answers 401 for a token it never issued and for a non-Bearer scheme', async () => {
    const { app, token } = await testEmulator();
    await request(app).get('/v1/search?q=radiohead&type=artist').set('Authorization', 'Bearer not-a-token').expect(401);
    await request(app).get('/v1/search?q=radiohead&type=artist').set('Authorization', `Basic ${token}`).expect(401);
  });

  it('answers 401 once the token TTL has passed', async () => {
    const clock = fakeClock();
    const emu = await testEmulator({ now: clock.now, tokenTtlS: 60 });
    await emu.get('/v1/artists/4Z8W4fKeB5YxbusRsdQVPb').expect(200);
    clock.advance(59_999);
    await emu.get('/v1/artists/4Z8W4fKeB5YxbusRsdQVPb').expect(200);
    clock.advance(1);
    const res = await emu.get('/v1/artists/4Z8W4fKeB5YxbusRsdQVPb').expect(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  it('POST /__emulator/tokens/expire expires every issued token; a new token works', async () => {
    const emu = await testEmulator();
    await emu.get('/v1/artists/4Z8W4fKeB5YxbusRsdQVPb').expect(200);
    const expired = await request(emu.app).post('/__emulator/tokens/expire').expect(200);
    expect(expired.body).toEqual({ expired: 1 });
    await emu.get('/v1/artists/4Z8W4fKeB5YxbusRsdQVPb').expect(401);
    const fresh = await issueToken(emu.app);
    await request(emu.app).get('/v1/artists/4Z8W4fKeB5YxbusRsdQVPb').set('Authorization', `Bearer ${fresh}`).expect(200);
  });

  it('401s are not counted against the window or the quota', async () => {
    const emu = await testEmulator({ rateLimitPer30s: 1, dailyQuota: 1 });
    for (let i = 0; i < 3; i += 1) await request(emu.app).get('/v1/artists/4Z8W4fKeB5YxbusRsdQVPb').expect(401);
    await emu.get('/v1/artists/4Z8W4fKeB5YxbusRsdQVPb').expect(200);
    expect(emu.state.stats()).toMatchObject({ requests: 4, unauthorized: 3, accepted: 1, maxPer30s: 1, quotaUsed: 1 });
  });

  it('reset with ?tokens=1 revokes tokens, plain reset keeps them', async () => {
    const emu = await testEmulator();
    await request(emu.app).post('/__emulator/reset').expect(200);
    await emu.get('/v1/artists/4Z8W4fKeB5YxbusRsdQVPb').expect(200);
    const res = await request(emu.app).post('/__emulator/reset?tokens=1').expect(200);
    expect(res.body).toEqual({ reset: true, tokensRevoked: true });
    await emu.get('/v1/artists/4Z8W4fKeB5YxbusRsdQVPb').expect(401);
  });
});
