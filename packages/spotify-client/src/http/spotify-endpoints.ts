/** The real Spotify services. */
export const SPOTIFY_ENDPOINTS = { apiUrl: 'https://api.spotify.com/v1', accountsUrl: 'https://accounts.spotify.com' } as const;

/**
 * The project's Spotify emulator (apps/spotify-emulator) with its documented default credentials and address:
 * what every app calls when no real Spotify credentials are set.
 */
export const EMULATOR_DEFAULTS = {
  clientId: 'albumboard-dev-client',
  clientSecret: 'albumboard-dev-secret',
  apiUrl: 'http://127.0.0.1:4010/v1',
  accountsUrl: 'http://127.0.0.1:4010',
} as const;
