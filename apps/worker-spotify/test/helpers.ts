import type { JobPayloadInput } from '@albumboard/queue-contracts';
import { REDIS_URL, waitForFinished, type FinishedJob } from '@albumboard/test-support';
import type { Queue } from 'bullmq';
import { loadConfig, type SpotifyWorkerConfig } from '../src/config';

/** worker-spotify's config pointed at an emulator, with test-sized limits. */
export function testConfig(emulatorUrl: string, prefix: string, env: Record<string, string> = {}): SpotifyWorkerConfig {
  return loadConfig({
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    SPOTIFY_API_URL: `${emulatorUrl}/v1`,
    SPOTIFY_ACCOUNTS_URL: emulatorUrl,
    ...env,
  });
}

/** A `spotify.call` payload as a producer would add it (the method's arguments not checked: some tests send bad ones). */
export function callPayload(method: string, args: Record<string, unknown>, deadlineInMs = 20_000): JobPayloadInput<'spotify.call'> {
  return { method, args, deadline: Date.now() + deadlineInMs } as JobPayloadInput<'spotify.call'>;
}

export function waitForAll(queue: Queue, ids: string[], timeoutMs = 60_000): Promise<FinishedJob[]> {
  return Promise.all(ids.map((id) => waitForFinished(queue, id, timeoutMs)));
}
