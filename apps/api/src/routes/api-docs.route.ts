import { Router, type Express, type RequestHandler } from 'express';
import swaggerUi from 'swagger-ui-express';
import { documentedAs } from '../openapi/route-list';
import { buildOpenApiDocument, OPENAPI_PATH } from '../openapi/openapi-document';
import { DOCS_PATH } from '../operations/operations-paths';

/** `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of this API (built once). */
export function openApiRoutes(): Router {
  const router = Router();
  const document = buildOpenApiDocument();
  router.get(OPENAPI_PATH, (_req, res) => {
    res.json(document);
  });
  return router;
}

/**
 * Mounts the API reference (Swagger UI rendering `/api/v1/openapi.json`) at `/docs/`; `/docs` redirects there so the
 * page's relative asset links resolve. Public.
 */
export function mountApiDocs(app: Express): void {
  const options = { customSiteTitle: 'albumboard API', swaggerOptions: { url: OPENAPI_PATH, validatorUrl: null } };
  const toSlash: RequestHandler = (req, res, next) => {
    if (req.method === 'GET' && req.originalUrl.split('?')[0] === DOCS_PATH) return res.redirect(301, `${DOCS_PATH}/`);
    next();
  };
  // The route table lists only the page; Swagger UI's assets (JS, CSS) under /docs/ are not part of the API.
  app.use(DOCS_PATH, documentedAs([{ method: 'get', path: DOCS_PATH }], toSlash), ...swaggerUi.serveFiles(undefined, options), swaggerUi.setup(undefined, options));
}
