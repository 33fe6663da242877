import { buildOpenApiDocument } from '../src/openapi/openapi-document';

type Operation = {
  security?: Record<string, string[]>[];
  parameters?: { name?: string; in?: string; required?: boolean; schema?: Record<string, unknown> }[];
  responses: Record<string, { headers?: Record<string, unknown> }>;
};

describe('OpenAPI description of the rating routes', () => {
  const doc = buildOpenApiDocument() as {
    paths: Record<string, Record<string, Operation>>;
    components: { securitySchemes: Record<string, unknown>; schemas: Record<string, Record<string, unknown>> };
  };
  const op = (path: string, method: string): Operation => doc.paths[path]?.[method] as Operation;

  it('declares the bearer scheme and requires it exactly on the rating routes', () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    const secured = [
      ['/api/v1/albums/{albumId}/rating', 'put'],
      ['/api/v1/albums/{albumId}/rating', 'delete'],
      ['/api/v1/me/ratings', 'get'],
    ];
    for (const [path, method] of secured) {
      expect(op(path, method).security).toEqual([{ bearerAuth: [] }]);
      expect(op(path, method).responses['401']?.headers).toHaveProperty('WWW-Authenticate');
    }
    // Public: an explicit empty requirement, so tools read "no credentials" rather than "not stated".
    expect(op('/api/v1/albums/{albumId}', 'get').security).toEqual([]);
    expect(op('/api/v1/leaderboard', 'get').security).toEqual([]);
  });

  it('documents the inputs from the validation schemas', () => {
    const albumId = op('/api/v1/albums/{albumId}/rating', 'put').parameters?.find((p) => p.name === 'albumId');
    expect(albumId).toMatchObject({ in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9A-Za-z]{22}$' } });
    expect(doc.components.schemas.RatingRequest).toEqual(
      expect.objectContaining({ required: ['score'], additionalProperties: false, properties: { score: expect.objectContaining({ type: 'integer', minimum: 1, maximum: 10 }) } }),
    );
    const window = op('/api/v1/leaderboard', 'get').parameters?.find((p) => p.name === 'window');
    expect(window).toMatchObject({ in: 'query', required: false, schema: { enum: ['all', 'week'], default: 'all' } });
    expect(op('/api/v1/albums/{albumId}/rating', 'put').responses['503']?.headers).toHaveProperty('Retry-After');
  });
});
