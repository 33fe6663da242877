import { startEmulator, type EmulatorHandle } from '@albumboard/spotify-emulator';
import { SpotifyClient, type SpotifyClientOptions } from '../../src';

export const CLIENT_ID = 'albumboard-dev-client';
export const CLIENT_SECRET = 'albumboard-dev-secret';
export const TAYLOR_SWIFT_ID = '06HL4z0CvFAxyc27GXpf02';

export interface TestEmulator {
  handle: EmulatorHandle;
  /** Restores the start-up config, clears counters/window/quota and revokes tokens. */
  restore(): void;
  client(overrides?: Partial<SpotifyClientOptions>): SpotifyClient;
  close(): Promise<void>;
}

/** One in-process Spotify emulator per test file; 30 albums per generated artist so paging has pages to walk. */
export async function startTestEmulator(): Promise<TestEmulator> {
  const handle = await startEmulator({ port: 0, generatedArtists: 3, generatedAlbumsPerArtist: 30, logLevel: 'silent' });
  const initial = handle.config();
  return {
    handle,
    restore() {
      handle.configure(initial);
      handle.reset({ tokens: true });
    },
    client(overrides = {}) {
      return new SpotifyClient({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        apiUrl: `${handle.url}/v1`,
        accountsUrl: handle.url,
        retries: 2,
        retryBaseDelayMs: 5,
        requestTimeoutMs: 5000,
        ...overrides,
      });
    },
    close: () => handle.close(),
  };
}

/** One emulator per test file (started before its tests, closed after), restored to its defaults before each test. */
export function useTestEmulator(): { readonly emu: TestEmulator } {
  const holder = {} as { emu: TestEmulator };
  beforeAll(async () => {
    holder.emu = await startTestEmulator();
  });
  afterAll(() => holder.emu.close());
  beforeEach(() => holder.emu.restore());
  return holder;
}
