import type { z } from 'zod';
import { ONE_TEXT_VALUE } from '../schemas/query-params';
import { invalidRequest, parseInput } from './validate-input';

/**
 * Parses a query string object with `schema`, or throws a 400 `invalid_request` naming the issues.
 * A bracketed form of a known parameter (`query[]=a`, `limit[x]=1`) is refused too rather than silently ignored.
 */
export function parseQuery<S extends z.ZodObject>(schema: S, query: Record<string, unknown>): z.output<S> {
  const known = Object.keys(schema.shape);
  const bracketed = Object.keys(query)
    .map((key) => ({ key, base: key.split('[')[0] }))
    .filter(({ key, base }) => key !== base && known.includes(base));
  if (bracketed.length > 0) throw invalidRequest(bracketed.map(({ base }) => ({ path: base, message: ONE_TEXT_VALUE })));
  return parseInput(schema, query, 'query');
}
