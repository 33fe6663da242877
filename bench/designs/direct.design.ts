import type { DesignDefinition } from './design';
import { NaiveSpotifyClient, searchInTurn } from './naive-spotify-client';

/**
 * The seed's "before": N API processes, each calling Spotify in-process with its own client and the typical
 * axios-retry set-up (retries 429/5xx, exponential delay honouring Retry-After). No budget, no coordination.
 */
export const directDesign: DesignDefinition = {
  name: 'direct',
  describe: (env) =>
    `${env.apiProcesses} API-like clients round-robin, each axios + axios-retry (3 retries, exponentialDelay honouring Retry-After), no budget`,
  async start(env) {
    const clients = Array.from({ length: env.apiProcesses }, () => new NaiveSpotifyClient({ ...env.spotify, retry: 'axios-retry' }));
    return {
      search: searchInTurn(clients),
      async close() {
        clients.forEach((c) => c.close());
      },
    };
  },
};
