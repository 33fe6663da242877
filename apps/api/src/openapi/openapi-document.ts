import { z } from 'zod';
import { HEALTH_PATH } from '../routes/health.route';
import { SEARCH_PATH } from '../routes/search.route';
import { errorResponseSchema } from '../schemas/error.schema';
import { healthResponseSchema } from '../schemas/probes.schema';
import { apiIndexResponseSchema } from '../schemas/api-index.schema';
import { API_INDEX_PATH } from '../routes/api-docs.route';
import { searchQuerySchema, searchResponseSchema } from '../schemas/search.schema';
import { ratingPaths, ratingSecuritySchemes, registerRatingSchemas } from './ratings-openapi';
import { withClientRateLimits } from './rate-limit-openapi';
import { operationsPaths, operationsSecuritySchemes, registerOperationsSchemas } from './operations-openapi';
import { cacheHeaderComponents, cachedAnswerHeaders } from './openapi-parts';

export const OPENAPI_PATH = '/api/v1/openapi.json';

type JsonObject = Record<string, unknown>;

/** Response schemas, generated from the same zod schemas the routes use, as `#/components/schemas/<id>`. */
function componentSchemas(): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  registry.add(errorResponseSchema, { id: 'ErrorResponse' });
  registry.add(searchResponseSchema, { id: 'SearchResponse' });
  registry.add(healthResponseSchema, { id: 'HealthResponse' });
  registry.add(apiIndexResponseSchema, { id: 'ApiIndexResponse' });
  registerRatingSchemas(registry);
  registerOperationsSchemas(registry);
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` });
  const out: Record<string, JsonObject> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _dialect, $id: _id, ...rest } = schema as JsonObject;
    out[id] = rest;
  }
  return out;
}

/** One OpenAPI query parameter per key of a zod object schema (as a client writes it: io 'input'). */
function queryParameters(schema: z.ZodObject): JsonObject[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const { $schema: _dialect, description, ...fieldSchema } = z.toJSONSchema(field as z.ZodType, {
      io: 'input',
      unrepresentable: 'any',
    }) as JsonObject;
    return { name, in: 'query', required: !(field as z.ZodType).safeParse(undefined).success, description, schema: fieldSchema };
  });
}

const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const requestIdHeader = { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } };
const errorAnswer = (description: string, headers: JsonObject = requestIdHeader) => ({ description, headers, content: json('ErrorResponse') });
const preferenceAppliedHeader = { 'Preference-Applied': { $ref: '#/components/headers/Preference-Applied' } };

/** The groups of operations (every operation names one). */
const TAGS = [
  { name: 'search', description: "Find an artist on Spotify and page through the artist's albums" },
  { name: 'albums', description: 'The album catalogue and its rating summaries' },
  { name: 'ratings', description: 'Your own ratings (a Supabase access token)' },
  { name: 'leaderboard', description: 'The boards computed from every rating' },
  { name: 'probes', description: 'Liveness and readiness, for orchestrators' },
  { name: 'operations', description: 'For operators: status, metrics, the queue dashboard' },
  { name: 'documentation', description: 'This description of the API' },
];

/** The OpenAPI 3.1 document of exactly the routes the API serves (a test walks the router to keep it so). */
export function buildOpenApiDocument(): JsonObject {
  return withClientRateLimits({
    openapi: '3.1.0',
    info: {
      title: 'albumboard API',
      version: '0.1.0',
      description:
        'Search albums on Spotify, rate them (signed in with a Supabase access token) and read the leaderboards. Every error answer is `{ "error": { "code", "message", "details?" } }`. ' +
        'Every list answers one page shape, `{ items, total, limit, offset, nextOffset }` (`limit` 1–50, default 20; `nextOffset` null on the last page). ' +
        'A path asked with a method it does not serve is answered `405 method_not_allowed` with an `Allow` header.',
      contact: { name: 'albumboard maintainers' },
    },
    servers: [{ url: '/', description: 'The server that serves this document' }],
    tags: TAGS,
    paths: {
      [API_INDEX_PATH]: {
        get: {
          operationId: 'getApiIndex',
          tags: ['documentation'],
          summary: 'Where this API is described',
          description: 'Points at the API reference (`/docs`) and at this OpenAPI document.',
          security: [],
          responses: { '200': { description: 'The links', content: json('ApiIndexResponse') } },
        },
      },
      [HEALTH_PATH]: {
        get: {
          operationId: 'getHealth',
          tags: ['probes'],
          summary: 'Liveness probe (checks no dependency)',
          description: 'Answers while the process runs; checks no dependency, so an outage of Redis or the database does not restart the api.',
          security: [],
          responses: { '200': { description: 'The process is up', content: json('HealthResponse') } },
        },
      },
      [SEARCH_PATH]: {
        get: {
          operationId: 'searchAlbums',
          tags: ['search'],
          security: [],
          summary: "Find an artist by name and list the artist's albums",
          description:
            'Answers are cached per normalized query (case and whitespace insensitive), fresh for SEARCH_CACHE_TTL_S; past fresh, a copy is answered (stale) when Spotify cannot be asked — see the `Cache-Status` header. Unknown query parameters are ignored; repeated or bracketed parameters are refused.',
          parameters: [...queryParameters(searchQuerySchema), { $ref: '#/components/parameters/X-Request-Id' }, { $ref: '#/components/parameters/Prefer' }],
          responses: {
            '200': {
              description: 'The best-matching artist (null when none matches) and a page of their albums',
              headers: { ...cachedAnswerHeaders, ...preferenceAppliedHeader },
              content: json('SearchResponse'),
            },
            '400': errorAnswer('invalid_request: the query string is invalid; `details` lists `{ path, message }` issues'),
            '404': errorAnswer('not_found: Spotify has no such item'),
            '500': errorAnswer('internal: an unexpected error (logged, never detailed)'),
            '502': errorAnswer('upstream_error: Spotify failed or refused the request'),
            '503': errorAnswer(
              'spotify_unavailable (Spotify cool-down or rate limit), spotify_busy (the request budget cannot fit the call before its ' +
                'deadline — the server\'s, or the shorter one of `Prefer: wait=N` — or it would wait in the queue longer than ' +
                'SPOTIFY_QUEUE_DELAY_TARGET_MS: refused at once, Retry-After = the predicted wait), spotify_worker_unavailable ' +
                '(no worker-spotify running) or queue_unavailable (Redis unavailable)',
              { ...requestIdHeader, 'Retry-After': { $ref: '#/components/headers/Retry-After' }, ...preferenceAppliedHeader },
            ),
            '504': errorAnswer('worker_timeout: "Spotify worker timed out" (a worker took the call and did not answer in time)'),
          },
        },
      },
      ...ratingPaths(),
      ...operationsPaths(),
      [OPENAPI_PATH]: {
        get: {
          operationId: 'getOpenApiDocument',
          tags: ['documentation'],
          summary: 'This document',
          description: 'The OpenAPI 3.1 description of every route, generated from the schemas the api validates with.',
          security: [],
          responses: { '200': { description: 'The OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: { ...ratingSecuritySchemes, ...operationsSecuritySchemes },
      parameters: {
        'X-Request-Id': {
          name: 'X-Request-Id',
          in: 'header',
          required: false,
          description: 'Your id for this request (≤ 128 characters of A-Z a-z 0-9 . _ -); another value is replaced by a generated one',
          schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,128}$' },
        },
        Prefer: {
          name: 'Prefer',
          in: 'header',
          required: false,
          description:
            'RFC 7240. `wait=N` (whole seconds, at least 1): you will not wait longer than N seconds, so a search that Spotify cannot ' +
            'answer within N seconds is refused at once (503 spotify_busy) instead of waiting up to the server\'s SPOTIFY_CALL_TIMEOUT_MS. ' +
            'Never lengthens the server\'s wait. A malformed, zero or longer value, and every other preference, is ignored (no ' +
            '`Preference-Applied`), as RFC 7240 asks.',
          schema: { type: 'string', examples: ['wait=2'] },
        },
      },
      headers: {
        'X-Request-Id': { description: 'The id of this request (yours, or generated)', schema: { type: 'string' } },
        'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } },
        'Preference-Applied': { description: 'RFC 7240: `wait=N` when this answer honoured the request\'s `Prefer: wait=N`', schema: { type: 'string' } },
        ...cacheHeaderComponents,
      },
    },
  });
}
