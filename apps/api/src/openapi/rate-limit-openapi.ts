type JsonObject = Record<string, unknown>;

/** Paths the per-client limits never apply to (see security/client-rate-limit.middleware.ts). */
const UNLIMITED = new Set(['/healthz', '/readyz', '/metrics']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** The 429 answer of the per-client limits, as an OpenAPI response object. */
export const clientRateLimitedAnswer = {
  description: 'client_rate_limited: this client sent too many requests in the last minute (per-client limit); wait Retry-After seconds',
  headers: {
    'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' },
    'Retry-After': { $ref: '#/components/headers/Retry-After' },
    RateLimit: { $ref: '#/components/headers/RateLimit' },
    'RateLimit-Policy': { $ref: '#/components/headers/RateLimit-Policy' },
  },
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
};

/** The draft-8 rate limit headers, as `components.headers` entries. */
export const rateLimitHeaders = {
  RateLimit: { description: 'Remaining quota of the per-client limit, e.g. `"search"; r=59; t=60` (IETF draft-8)', schema: { type: 'string' } },
  'RateLimit-Policy': { description: 'The per-client limit, e.g. `"search"; q=60; w=60` (IETF draft-8)', schema: { type: 'string' } },
};

/**
 * Adds the 429 `client_rate_limited` answer to every limited operation and the RateLimit headers to the components, so
 * the document stays true whichever routes other modules add.
 */
export function withClientRateLimits<D extends JsonObject>(document: D): D {
  const paths = (document.paths ?? {}) as Record<string, Record<string, { responses?: JsonObject }>>;
  for (const [path, operations] of Object.entries(paths)) {
    if (UNLIMITED.has(path)) continue;
    for (const method of METHODS) {
      const responses = operations[method]?.responses;
      if (responses && !('429' in responses)) responses['429'] = clientRateLimitedAnswer;
    }
  }
  const components = (document.components ?? {}) as { headers?: JsonObject };
  components.headers = { ...(components.headers ?? {}), ...rateLimitHeaders };
  return document;
}
