import {
  createSpotifyCaller,
  DirectSpotifyCaller,
  SpotifyBadRequestError,
  SpotifyRateLimitError,
  SpotifyWorkerProxy,
} from '../../src';
import { CLIENT_ID, CLIENT_SECRET, TAYLOR_SWIFT_ID, useTestEmulator } from '../support/emulator';
import { uniquePrefix } from '@albumboard/test-support';
import { producerConnection, ready } from '../support/redis';

const suite = useTestEmulator();

describe('DirectSpotifyCaller (SPOTIFY_CALL_MODE=direct)', () => {
  it('calls Spotify in-process with the same results and errors as the worker path', async () => {
    const caller = new DirectSpotifyCaller(suite.emu.client(), { defaultTimeoutMs: 5000 });
    const result = await caller.call('searchArtistAlbums', { query: 'Taylor Swift', limit: 2 });
    expect(result.artist?.id).toBe(TAYLOR_SWIFT_ID);
    expect(result.albums.items).toHaveLength(2);
    await expect(caller.call('getArtist', { id: 'bad' })).rejects.toBeInstanceOf(SpotifyBadRequestError);
    suite.emu.handle.configure({ forceRetryAfterS: 3 });
    await expect(caller.call('getArtist', { id: TAYLOR_SWIFT_ID })).rejects.toEqual(expect.any(SpotifyRateLimitError));
    await caller.close();
  });

  it('uses the call timeout as the deadline: a hanging Spotify fails instead of waiting forever', async () => {
    const caller = new DirectSpotifyCaller(suite.emu.client({ requestTimeoutMs: 60_000 }));
    await caller.call('getArtist', { id: TAYLOR_SWIFT_ID }); // token cached
    suite.emu.handle.configure({ faults: { hang: 1 } });
    await expect(caller.call('getArtist', { id: TAYLOR_SWIFT_ID }, { timeoutMs: 500 })).rejects.toMatchObject({ code: 'upstream_error' });
  });
});

describe('createSpotifyCaller', () => {
  it('picks the direct caller or the worker proxy by mode', async () => {
    const direct = createSpotifyCaller({
      mode: 'direct',
      defaultTimeoutMs: 5000,
      spotify: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, apiUrl: `${suite.emu.handle.url}/v1`, accountsUrl: suite.emu.handle.url },
    });
    expect(direct).toBeInstanceOf(DirectSpotifyCaller);
    expect((await direct.call('getArtist', { id: TAYLOR_SWIFT_ID })).name).toBe('Taylor Swift');

    const connection = await ready(producerConnection());
    const worker = createSpotifyCaller({ mode: 'worker', defaultTimeoutMs: 5000, connection, prefix: uniquePrefix('create') });
    expect(worker).toBeInstanceOf(SpotifyWorkerProxy);
    await worker.close();
    await connection.quit();

    expect(() => createSpotifyCaller({ mode: 'worker', defaultTimeoutMs: 1 })).toThrow(/connection/);
    expect(() => createSpotifyCaller({ mode: 'direct', defaultTimeoutMs: 1 })).toThrow(/client/);
  });
});
