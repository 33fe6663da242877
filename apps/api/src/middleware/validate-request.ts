import type { z } from 'zod';
import { ApiError } from '../errors/api-error';
import type { ValidationIssue } from '../schemas/error.schema';

function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message }));
}

/**
 * Parses a query string object with `schema`, or throws a 400 `invalid_request` ApiError listing the issues.
 * A bracketed form of a known parameter (`query[]=a`, `limit[x]=1`) is refused too rather than silently ignored.
 */
export function parseQuery<S extends z.ZodObject>(schema: S, query: Record<string, unknown>): z.output<S> {
  const known = Object.keys(schema.shape);
  const bracketed = Object.keys(query)
    .map((key) => ({ key, base: key.split('[')[0] }))
    .filter(({ key, base }) => key !== base && known.includes(base));
  if (bracketed.length > 0) {
    const details = bracketed.map(({ base }) => ({ path: base, message: 'must be a single text value' }));
    throw new ApiError(400, 'invalid_request', 'Invalid query parameters', { details });
  }
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw new ApiError(400, 'invalid_request', 'Invalid query parameters', { details: issuesOf(parsed.error) });
  return parsed.data;
}
