import cors from 'cors';
import type { RequestHandler } from 'express';
import { PREFERENCE_APPLIED_HEADER } from '../middleware/prefer-wait.middleware';
import { REQUEST_ID_HEADER } from '../middleware/request-id.middleware';

/**
 * CORS for the origins in CORS_ORIGINS, and only those: an allowed origin gets `Access-Control-Allow-Origin` (and a
 * preflight its methods and headers); any other origin gets no allow header, so the browser refuses to hand the answer
 * to its page. No origins configured: no CORS middleware at all (no CORS headers on any answer). Credentials (cookies)
 * are never allowed: the API authenticates with bearer tokens.
 */
export function corsPolicy(origins: readonly string[]): RequestHandler | null {
  if (origins.length === 0) return null;
  const allowed = new Set(origins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', REQUEST_ID_HEADER, 'Prefer'],
    exposedHeaders: [REQUEST_ID_HEADER, 'Retry-After', 'RateLimit', 'RateLimit-Policy', PREFERENCE_APPLIED_HEADER],
    credentials: false,
    maxAge: 600,
  });
}
