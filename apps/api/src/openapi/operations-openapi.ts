import type { z } from 'zod';
import { ADMIN_QUEUES_PATH, DOCS_PATH, METRICS_PATH, READINESS_PATH, STATUS_PATH } from '../operations/operations-paths';
import { readinessResponseSchema } from '../schemas/probes.schema';
import { statusResponseSchema } from '../schemas/status.schema';
import { errorAnswer, jsonContent, retryLaterAnswer, type JsonObject } from './openapi-parts';

export const ADMIN_BEARER_SCHEME = 'adminToken';
export const ADMIN_BASIC_SCHEME = 'adminBasic';
export const METRICS_BEARER_SCHEME = 'metricsToken';

/** `components.securitySchemes` entries of the operations routes. */
export const operationsSecuritySchemes = {
  [ADMIN_BEARER_SCHEME]: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN. Without ADMIN_TOKEN configured the admin routes answer 404.' },
  [ADMIN_BASIC_SCHEME]: { type: 'http', scheme: 'basic', description: 'Any user name, ADMIN_TOKEN as the password (lets a browser open the dashboard).' },
  [METRICS_BEARER_SCHEME]: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN; required only when it is configured.' },
};

export function registerOperationsSchemas(registry: z.core.$ZodRegistry<{ id: string }>): void {
  registry.add(readinessResponseSchema, { id: 'ReadinessResponse' });
  registry.add(statusResponseSchema, { id: 'StatusResponse' });
}

const admin = [{ [ADMIN_BEARER_SCHEME]: [] }, { [ADMIN_BASIC_SCHEME]: [] }];
const adminErrors = {
  '401': errorAnswer('unauthorized: the admin token is missing or wrong (`WWW-Authenticate` names the scheme)'),
  '404': errorAnswer('not_found: no ADMIN_TOKEN is configured, so the admin routes do not exist'),
};
const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });

/** The OpenAPI path items of the operations routes. */
export function operationsPaths(): Record<string, JsonObject> {
  return {
    [READINESS_PATH]: {
      get: {
        operationId: 'getReadiness',
        tags: ['probes'],
        summary: 'Readiness: Redis, the database and a worker on each queue',
        description: 'For a load balancer or orchestrator: 503 while a dependency the api needs to serve does not answer.',
        security: [],
        responses: {
          '200': { description: 'Ready', content: jsonContent('ReadinessResponse') },
          '503': { description: 'Not ready; `failed` names each failed check and why', content: jsonContent('ReadinessResponse') },
        },
      },
    },
    [STATUS_PATH]: {
      get: {
        operationId: 'getStatus',
        tags: ['operations'],
        summary: 'Operator status: queues and workers, Spotify budget, pause, cool-down, 429s, cache and latency',
        description: 'One JSON snapshot of what docs/operations.md tells an operator to look at first.',
        security: admin,
        responses: {
          '200': { description: 'The status', content: jsonContent('StatusResponse') },
          ...adminErrors,
          '503': retryLaterAnswer('queue_unavailable: Redis did not answer'),
        },
      },
    },
    [METRICS_PATH]: {
      get: {
        operationId: 'getMetrics',
        tags: ['operations'],
        summary: 'Prometheus metrics (text exposition format 0.0.4)',
        description: 'Open unless METRICS_TOKEN is configured; then `Authorization: Bearer <METRICS_TOKEN>` is required.',
        security: [{}, { [METRICS_BEARER_SCHEME]: [] }],
        responses: {
          '200': { description: 'The metrics', content: { 'text/plain': { schema: { type: 'string' } } } },
          '401': errorAnswer('unauthorized: METRICS_TOKEN is configured and the request did not carry it'),
        },
      },
    },
    [ADMIN_QUEUES_PATH]: {
      get: {
        operationId: 'getQueueDashboard',
        tags: ['operations'],
        summary: 'Queue dashboard (bull-board) for default, spotify and leaderboard; an HTML page for browsers',
        description: 'The jobs of each queue, for a person in a browser (HTTP Basic with ADMIN_TOKEN as the password).',
        security: admin,
        responses: { '200': html('The dashboard'), ...adminErrors },
      },
    },
    [DOCS_PATH]: {
      get: {
        operationId: 'getApiReference',
        tags: ['documentation'],
        summary: 'This API reference, rendered by Swagger UI (redirects to /docs/)',
        description: 'The API reference for people: this document rendered by Swagger UI.',
        security: [],
        responses: { '301': { description: 'Redirect to /docs/' }, '200': html('The API reference page') },
      },
    },
  };
}
