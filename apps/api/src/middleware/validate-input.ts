import type { z } from 'zod';
import { ApiError } from '../errors/api-error';
import type { ValidationIssue } from '../schemas/error.schema';

/**
 * A 400 `invalid_request` for `issues`: its message names each issue in a user's words (`query is required`, `limit
 * must be a whole number from 1 to 50`), `details` lists them as `{ path, message }`.
 */
export function invalidRequest(issues: ValidationIssue[]): ApiError {
  const message = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
  return new ApiError(400, 'invalid_request', message, { details: issues });
}

/** Parses `value` with `schema`, or throws `invalidRequest`; an issue about the whole value is named `whole`. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, whole: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw invalidRequest(parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || whole, message: issue.message })));
}

/** Parses route parameters, or throws a 400 `invalid_request` naming the issues. */
export function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  return parseInput(schema, params, 'path');
}

/** Parses a JSON body, or throws a 400 `invalid_request` naming the issues. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  return parseInput(schema, body, 'body');
}
