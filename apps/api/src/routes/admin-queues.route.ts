import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Express, RequestHandler } from 'express';
import type { OpsQueues } from '../operations/ops-queues';
import { documentedAs } from './route-table';
import { ADMIN_QUEUES_PATH } from '../operations/operations-paths';

/**
 * Mounts the bull-board dashboard of the three queues at `/admin/queues`, behind `guard` (the admin token; the browser
 * asks for it through HTTP Basic). It is an Express sub-app, so it is mounted on the app itself; its queue handles are
 * added on the first request (making them touches Redis).
 */
export function mountAdminQueues(app: Express, queues: OpsQueues, guard: RequestHandler): void {
  const serverAdapter = new ExpressAdapter().setBasePath(ADMIN_QUEUES_PATH);
  const board = createBullBoard({ queues: [], serverAdapter, options: { uiConfig: { boardTitle: 'albumboard queues' } } });
  let added = false;
  const addQueues: RequestHandler = (_req, _res, next) => {
    if (!added) {
      added = true;
      for (const queue of queues.all()) board.addQueue(new BullMQAdapter(queue));
    }
    next();
  };
  const dashboard = serverAdapter.getRouter() as Express;
  dashboard.disable('x-powered-by');
  // The route table lists only the dashboard's entry page; its internal JSON API and assets are not part of the API.
  app.use(ADMIN_QUEUES_PATH, documentedAs([{ method: 'get', path: ADMIN_QUEUES_PATH }], guard), addQueues, dashboard);
}
