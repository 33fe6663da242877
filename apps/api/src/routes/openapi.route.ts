import { Router } from 'express';
import { buildOpenApiDocument, OPENAPI_PATH } from '../openapi/openapi-document';

/** `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of this API. */
export function openApiRoutes(): Router {
  const router = Router();
  const document = buildOpenApiDocument();
  router.get(OPENAPI_PATH, (_req, res) => {
    res.json(document);
  });
  return router;
}
