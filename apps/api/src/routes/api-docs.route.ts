import { Router, type Express, type RequestHandler } from 'express';
import swaggerUi from 'swagger-ui-express';
import { documentedAs } from './route-table';
import { buildOpenApiDocument, OPENAPI_PATH } from '../openapi/openapi-document';
import { DOCS_PATH } from '../operations/operations-paths';
import type { ApiIndexResponse } from '../schemas/api-index.schema';

export const API_INDEX_PATH = '/';

/** `GET /`: where the API is described; `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of this API (built once). */
export function openApiRoutes(): Router {
  const router = Router();
  const document = buildOpenApiDocument();
  const index: ApiIndexResponse = { name: 'albumboard API', docs: DOCS_PATH, openapi: OPENAPI_PATH };
  router.get(API_INDEX_PATH, (_req, res) => {
    res.json(index);
  });
  router.get(OPENAPI_PATH, (_req, res) => {
    res.json(document);
  });
  return router;
}

/**
 * Mounts the API reference (Swagger UI rendering `/api/v1/openapi.json`) at `/docs/`; `/docs` redirects there so the
 * page's relative asset links resolve. Public. Only GET and HEAD reach it; another method is answered 405 like on any
 * route.
 */
export function mountApiDocs(app: Express): void {
  const options = { customSiteTitle: 'albumboard API', swaggerOptions: { url: OPENAPI_PATH, validatorUrl: null } };
  const page = Router();
  page.use((req, res, next) => {
    if (req.originalUrl.split('?')[0] === DOCS_PATH) return res.redirect(301, `${DOCS_PATH}/`);
    next();
  });
  page.use(...swaggerUi.serveFiles(undefined, options), swaggerUi.setup(undefined, options));
  const readsOnly: RequestHandler = (req, res, next) => (req.method === 'GET' || req.method === 'HEAD' ? page(req, res, next) : next());
  // The route table lists only the page; Swagger UI's assets (JS, CSS) under /docs/ are not part of the API.
  app.use(DOCS_PATH, documentedAs([{ method: 'get', path: DOCS_PATH }], readsOnly));
}
