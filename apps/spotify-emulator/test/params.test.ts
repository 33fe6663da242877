import { testEmulator, type TestEmulator } from './support/helpers';

const err = (status: number, message: string) => ({ error: { status, message } });
const RADIOHEAD = '4Z8W4fKeB5YxbusRsdQVPb';

describe('Web API parameter validation', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await testEmulator({ rateLimitPer30s: 0 });
  });

  it('search: limit 0..10, default 5; 11 and junk are "Invalid limit"', async () => {
    const zero = await emu.get('/v1/search?q=a&type=artist&limit=0').expect(200);
    expect(zero.body.artists).toMatchObject({ limit: 0, items: [], next: null });
    expect(zero.body.artists.total).toBeGreaterThan(0);
    const dflt = await emu.get('/v1/search?q=a&type=artist').expect(200);
    expect(dflt.body.artists.limit).toBe(5);
    expect(dflt.body.artists.items).toHaveLength(5);
    await emu.get('/v1/search?q=a&type=artist&limit=10').expect(200);
    for (const bad of ['11', '-1', 'abc', '2.5']) {
      const res = await emu.get(`/v1/search?q=a&type=artist&limit=${bad}`).expect(400);
      expect(res.body).toEqual(err(400, 'Invalid limit'));
    }
  });

  it('search: offset 0..1000', async () => {
    const res = await emu.get('/v1/search?q=a&type=artist&offset=1000').expect(200);
    expect(res.body.artists).toMatchObject({ offset: 1000, items: [] });
    const bad = await emu.get('/v1/search?q=a&type=artist&offset=1001').expect(400);
    expect(bad.body).toEqual(err(400, 'Invalid offset'));
  });

  it('search: q and type are required, type must be a Spotify type', async () => {
    expect((await emu.get('/v1/search?type=artist').expect(400)).body).toEqual(err(400, 'No search query'));
    expect((await emu.get('/v1/search?q=x').expect(400)).body).toEqual(err(400, 'Missing parameter type'));
    expect((await emu.get('/v1/search?q=x&type=artist,bogus').expect(400)).body).toEqual(err(400, 'Bad search type field bogus'));
    const empty = await emu.get('/v1/search?q=radiohead&type=track').expect(200);
    expect(empty.body).toEqual({ tracks: expect.objectContaining({ total: 0, items: [] }) });
  });

  it('market must be a known ISO code', async () => {
    expect((await emu.get('/v1/search?q=x&type=album&market=ZZ').expect(400)).body).toEqual(err(400, 'Invalid market code'));
    await emu.get('/v1/search?q=x&type=album&market=SE').expect(200);
  });

  it('artist albums: limit 1..10, default 5; 0 and 11 are "Invalid limit"', async () => {
    const dflt = await emu.get(`/v1/artists/${RADIOHEAD}/albums`).expect(200);
    expect(dflt.body).toMatchObject({ limit: 5, offset: 0, total: 9 });
    expect(dflt.body.items).toHaveLength(5);
    for (const bad of ['0', '11']) {
      expect((await emu.get(`/v1/artists/${RADIOHEAD}/albums?limit=${bad}`).expect(400)).body).toEqual(err(400, 'Invalid limit'));
    }
    expect((await emu.get(`/v1/artists/${RADIOHEAD}/albums?offset=-2`).expect(400)).body).toEqual(err(400, 'Invalid offset'));
    expect((await emu.get(`/v1/artists/${RADIOHEAD}/albums?include_groups=album,bogus`).expect(400)).body.error.status).toBe(400);
  });

  it('malformed ids are 400 "Invalid base62 id", unknown ids 404 "Resource not found"', async () => {
    for (const path of ['/v1/artists/abc', '/v1/albums/4Z8W4fKeB5YxbusRsdQVP!', '/v1/artists/short/albums', '/v1/albums/abc/tracks']) {
      expect((await emu.get(path).expect(400)).body).toEqual(err(400, 'Invalid base62 id'));
    }
    for (const path of ['/v1/artists/0000000000000000000000', '/v1/albums/0000000000000000000000', `/v1/albums/${RADIOHEAD}`]) {
      expect((await emu.get(path).expect(404)).body).toEqual(err(404, 'Resource not found'));
    }
  });

  it('unknown Web API paths are 404 "Service not found"', async () => {
    expect((await emu.get('/v1/me/player').expect(404)).body).toEqual(err(404, 'Service not found'));
  });
});
