import type { z } from 'zod';
import { ApiError } from '../errors/api-error';
import type { ValidationIssue } from '../schemas/error.schema';

function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message }));
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, message: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError(400, 'invalid_request', message, { details: issuesOf(parsed.error) });
  return parsed.data;
}

/** Parses route parameters, or throws a 400 `invalid_request` listing the issues. */
export function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  return parseWith(schema, params, 'Invalid path parameters');
}

/** Parses a JSON body, or throws a 400 `invalid_request` listing the issues. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  return parseWith(schema, body, 'Invalid request body');
}
