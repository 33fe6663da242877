import { z } from 'zod';

/** The body of `GET /`: where this API is described. */
export const apiIndexResponseSchema = z.object({
  name: z.literal('albumboard API'),
  docs: z.string().meta({ description: 'The API reference for people (Swagger UI)', example: '/docs' }),
  openapi: z.string().meta({ description: 'The OpenAPI 3.1 document, for tools', example: '/api/v1/openapi.json' }),
});
export type ApiIndexResponse = z.infer<typeof apiIndexResponseSchema>;
