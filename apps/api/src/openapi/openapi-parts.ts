import { z } from 'zod';

/** Small builders for OpenAPI operations; they reference the components `buildOpenApiDocument` defines. */

export type JsonObject = Record<string, unknown>;

export const jsonContent = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
export const requestIdHeader = { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } };
/** Headers of an answer that may come from a stored copy (search cache, album catalogue): see `Cache-Status`. */
export const cachedAnswerHeaders = {
  ...requestIdHeader,
  'Cache-Status': { $ref: '#/components/headers/Cache-Status' },
  Age: { $ref: '#/components/headers/Age' },
};

/** The `Cache-Status` and `Age` header components (RFC 9211, RFC 9111 §5.1). */
export const cacheHeaderComponents = {
  'Cache-Status': {
    description: [
      'How the answer relates to albumboard\'s cache (RFC 9211), one member named `albumboard`:',
      '`albumboard; hit` — a fresh stored copy, Spotify not asked;',
      '`albumboard; fwd=miss; stored` — nothing stored, Spotify answered and the answer was stored;',
      '`albumboard; fwd=stale; stored` — the stored copy was past fresh, Spotify answered and the new answer was stored;',
      '`albumboard; fwd=stale; fwd-status=503; ttl=-120` — the copy was past fresh, Spotify was asked but refused or failed',
      '(cool-down, busy, no worker, queue unavailable, 5xx, timeout; `fwd-status` is the status that failure would have',
      'answered, `ttl` how many seconds ago the copy stopped being fresh) and the stale copy is answered instead.',
      'Stale copies are kept SEARCH_CACHE_STALE_S seconds past fresh (default 7 days; 0: never answered). The body is the same',
      'in every case (`cached` is true for `hit` and stale answers). Absent when the cache is off.',
    ].join(' '),
    schema: { type: 'string' },
  },
  Age: {
    description: 'Seconds since the stored copy was fetched from Spotify (RFC 9111); on `hit` and stale answers only',
    schema: { type: 'integer', minimum: 0 },
  },
};

export const requestIdParameter = { $ref: '#/components/parameters/X-Request-Id' };

export const errorAnswer = (description: string, headers: JsonObject = requestIdHeader) => ({
  description,
  headers,
  content: jsonContent('ErrorResponse'),
});

export const retryLaterAnswer = (description: string) =>
  errorAnswer(description, { ...requestIdHeader, 'Retry-After': { $ref: '#/components/headers/Retry-After' } });

export const unauthorizedAnswer = () =>
  errorAnswer('unauthorized: no access token, or one that is expired, badly signed, or issued for another audience or issuer', {
    ...requestIdHeader,
    'WWW-Authenticate': { description: 'Bearer challenge (RFC 6750)', schema: { type: 'string' } },
  });

/** `/a/:b` (Express) → `/a/{b}` (OpenAPI). */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

function parametersOf(schema: z.ZodObject, where: 'query' | 'path'): JsonObject[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const { $schema: _dialect, description, ...fieldSchema } = z.toJSONSchema(field as z.ZodType, {
      io: 'input',
      unrepresentable: 'any',
    }) as JsonObject;
    const required = where === 'path' || !(field as z.ZodType).safeParse(undefined).success;
    return { name, in: where, required, description, schema: fieldSchema };
  });
}

/** One OpenAPI query parameter per key of a zod object schema (as a client writes it). */
export const queryParametersOf = (schema: z.ZodObject) => parametersOf(schema, 'query');
/** One OpenAPI path parameter per key of a zod object schema. */
export const pathParametersOf = (schema: z.ZodObject) => parametersOf(schema, 'path');
