import express, { Router } from 'express';
import { allowedMethods, documentedAs } from '../../src/routes/route-table';
import { listServedRoutes } from '../support/served-routes';

/** The route table is read from the routers themselves: mount paths, parameters and marked sub-apps included. */
describe('route table', () => {
  const app = express();
  const things = Router();
  things.get('/things/:id', (_req, res) => void res.end());
  things.put('/things/:id', (_req, res) => void res.end());
  things.delete('/things', (_req, res) => void res.end());
  const nested = Router();
  nested.post('/deep', (_req, res) => void res.end());
  things.use('/nested', nested);
  app.use('/v2', things);
  app.use('/ui', documentedAs([{ method: 'get', path: '/ui' }], (_req: unknown, _res: unknown, next: () => void) => next()));
  app.patch('/top', (_req, res) => void res.end());

  it('the route list the OpenAPI test compares with has every route with its full path, mount paths included', () => {
    expect(listServedRoutes(app).map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      ['get /v2/things/{id}', 'put /v2/things/{id}', 'delete /v2/things', 'post /v2/nested/deep', 'get /ui', 'patch /top'].sort(),
    );
  });

  it('answers the methods of the routes a path matches, HEAD with GET, nothing for an unknown path', () => {
    expect(allowedMethods(app, '/v2/things/7')).toEqual(['GET', 'HEAD', 'PUT']);
    expect(allowedMethods(app, '/v2/things')).toEqual(['DELETE']);
    expect(allowedMethods(app, '/v2/nested/deep')).toEqual(['POST']);
    expect(allowedMethods(app, '/top')).toEqual(['PATCH']);
    expect(allowedMethods(app, '/ui')).toEqual(['GET', 'HEAD']);
    expect(allowedMethods(app, '/ui/')).toEqual(['GET', 'HEAD']);
    expect(allowedMethods(app, '/ui/asset.js')).toEqual([]);
    expect(allowedMethods(app, '/v2/things/7/more')).toEqual([]);
    expect(allowedMethods(app, '/nowhere')).toEqual([]);
  });
});
