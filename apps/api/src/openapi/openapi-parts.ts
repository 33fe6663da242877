import { z } from 'zod';

/** Small builders for OpenAPI operations; they reference the components `buildOpenApiDocument` defines. */

export type JsonObject = Record<string, unknown>;

export const jsonContent = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
export const requestIdHeader = { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } };
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
