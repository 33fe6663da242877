import type { Request, RequestHandler } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { SPOTIFY_MESSAGES, sendSpotifyError } from '../http/spotify-error';
import type { EmulatorState } from '../services/emulator-state';
import { endpointKey } from './endpoint-key';
import { injectFault } from './fault-injection';

function bearerToken(req: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return match?.[1] ?? null;
}

/**
 * Front door of the Web API. The request is admitted or refused the moment it arrives (so a
 * client that paces its sends is never punished for latency jitter), then held for the
 * configured latency, then answered: 401, 429, an injected fault, or the route.
 */
export function v1Gate(state: EmulatorState): RequestHandler {
  const log = state.log.child({ component: 'v1' });
  return async (req, res, next) => {
    const endpoint = endpointKey(req.method, req.baseUrl + req.path);
    const startedAt = performance.now();
    const end = state.beginRequest(endpoint);
    let closed = false;
    res.once('close', () => {
      closed = true;
      end();
    });
    res.once('finish', () => {
      state.finishRequest(endpoint, res.statusCode, res.locals.malformed === true);
      log.debug({ endpoint, status: res.statusCode, ms: Math.round(performance.now() - startedAt) }, 'request');
    });

    const admission = state.admit(bearerToken(req));
    const delayMs = state.nextLatencyMs();
    if (delayMs > 0) await sleep(delayMs, undefined, { ref: false });
    if (closed) return;

    switch (admission.kind) {
      case 'unauthorized':
        res.set('www-authenticate', 'Bearer realm="spotify", error="invalid_token"');
        return sendSpotifyError(res, 401, SPOTIFY_MESSAGES.unauthorized);
      case 'rateLimited':
        res.set('retry-after', String(admission.retryAfterS));
        return sendSpotifyError(res, 429, SPOTIFY_MESSAGES.rateLimited);
      case 'quotaExceeded':
        res.set('retry-after', String(admission.retryAfterS));
        return sendSpotifyError(res, 429, SPOTIFY_MESSAGES.quotaExceeded, 'QUOTA_EXCEEDED');
      case 'accepted':
        if (admission.fault) log.debug({ endpoint, fault: admission.fault }, 'fault');
        return injectFault(admission.fault, state.config().serviceUnavailableBody, req, res, next);
    }
  };
}
