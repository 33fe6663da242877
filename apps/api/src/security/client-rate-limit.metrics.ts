import { Counter, type Registry, type RegistryContentType } from 'prom-client';
import type { RateLimitScope } from './client-rate-limit.middleware';

/**
 * `albumboard_client_rate_limited_total{scope}`: requests this api refused with 429 `client_rate_limited` (our own
 * per-client limits). Spotify's own 429s are counted by worker-spotify (`upstream_rate_limited`), never here.
 */
export function clientRateLimitCounter(registry: Registry<RegistryContentType>): (scope: RateLimitScope) => void {
  const counter = new Counter({
    name: 'albumboard_client_rate_limited_total',
    help: 'Requests refused with 429 client_rate_limited by the per-client limits, by scope (search, general)',
    labelNames: ['scope'],
    registers: [registry],
  });
  return (scope) => counter.inc({ scope });
}
