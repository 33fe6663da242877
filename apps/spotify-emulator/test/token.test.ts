import request from 'supertest';
import { createEmulatorApp, EMULATOR_DEFAULT_CLIENT_ID, EMULATOR_DEFAULT_CLIENT_SECRET } from '../src';

describe('POST /api/token (accounts service)', () => {
  const { app, state } = createEmulatorApp({ generatedArtists: 0, tokenTtlS: 1234 });
  const post = () => request(app).post('/api/token').type('form');

  it('issues a client-credentials token with exactly access_token, token_type and expires_in', async () => {
    const res = await post().auth(EMULATOR_DEFAULT_CLIENT_ID, EMULATOR_DEFAULT_CLIENT_SECRET).send({ grant_type: 'client_credentials' }).expect(200);
    expect(Object.keys(res.body as object).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 1234 });
    expect((res.body as { access_token: string }).access_token).toMatch(/^[A-Za-z0-9_-]{60,}$/);
  });

  it('accepts client_id/client_secret in the form body', async () => {
    const res = await post()
      .send({ grant_type: 'client_credentials', client_id: EMULATOR_DEFAULT_CLIENT_ID, client_secret: EMULATOR_DEFAULT_CLIENT_SECRET })
      .expect(200);
    expect(res.body).toHaveProperty('access_token');
  });

  it('rejects an unknown client with the flat OAuth error and counts it', async () => {
    const before = state.stats().tokens;
    const res = await post().auth('someone-else', EMULATOR_DEFAULT_CLIENT_SECRET).send({ grant_type: 'client_credentials' }).expect(400);
    expect(res.body).toEqual({ error: 'invalid_client', error_description: 'Invalid client' });
    expect(state.stats().tokens).toMatchObject({ requests: before.requests + 1, errors: before.errors + 1, issued: before.issued });
  });

  it('rejects a wrong secret', async () => {
    const res = await post().auth(EMULATOR_DEFAULT_CLIENT_ID, 'wrong').send({ grant_type: 'client_credentials' }).expect(400);
    expect(res.body).toEqual({ error: 'invalid_client', error_description: 'Invalid client secret' });
  });

  it('rejects a request without client credentials', async () => {
    const res = await post().send({ grant_type: 'client_credentials' }).expect(400);
    expect(res.body).toEqual({ error: 'invalid_client', error_description: 'Invalid client' });
  });

  it('rejects a missing or unsupported grant type', async () => {
    const auth = (r: request.Test) => r.auth(EMULATOR_DEFAULT_CLIENT_ID, EMULATOR_DEFAULT_CLIENT_SECRET);
    const missing = await auth(post()).send({}).expect(400);
    expect(missing.body).toMatchObject({ error: 'unsupported_grant_type' });
    const bad = await auth(post()).send({ grant_type: 'password' }).expect(400);
    expect(bad.body).toMatchObject({ error: 'unsupported_grant_type' });
    expect(typeof (bad.body as { error_description: unknown }).error_description).toBe('string');
  });

  it('is not counted against the Web API rate limit', async () => {
    const limited = createEmulatorApp({ generatedArtists: 0, rateLimitPer30s: 1 });
    for (let i = 0; i < 5; i += 1) {
      await request(limited.app).post('/api/token').auth(EMULATOR_DEFAULT_CLIENT_ID, EMULATOR_DEFAULT_CLIENT_SECRET)
        .type('form').send({ grant_type: 'client_credentials' }).expect(200);
    }
    expect(limited.state.stats()).toMatchObject({ requests: 0, accepted: 0, tokens: { requests: 5, issued: 5, errors: 0 } });
  });

  it('honours custom client credentials', async () => {
    const custom = createEmulatorApp({ generatedArtists: 0, clientId: 'id-x', clientSecret: 'secret-x' });
    await request(custom.app).post('/api/token').auth('id-x', 'secret-x').type('form').send({ grant_type: 'client_credentials' }).expect(200);
    const res = await request(custom.app).post('/api/token').auth(EMULATOR_DEFAULT_CLIENT_ID, EMULATOR_DEFAULT_CLIENT_SECRET)
      .type('form').send({ grant_type: 'client_credentials' }).expect(400);
    expect(res.body).toEqual({ error: 'invalid_client', error_description: 'Invalid client' });
  });
});
