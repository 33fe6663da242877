import { runWithLogContext } from '@albumboard/observability';
import type { JobHandler } from '@albumboard/worker-runtime';
import type { SpotifyCallService } from '../services/spotify-call.service';

/**
 * `spotify.call`: the runtime has checked the payload against the contract; the service does the rest. Every line
 * logged while the job runs (the client's retries and token refreshes included) carries its `requestId` and `jobId`.
 */
export function spotifyCallProcessor(service: SpotifyCallService): JobHandler<'spotify.call'> {
  return (payload, job) => runWithLogContext({ requestId: payload.requestId, jobId: job.id }, () => service.call(payload, { jobId: job.id }));
}
