import express, { type Express } from 'express';
import { errorHandler, notFound } from './middleware/error.middleware';
import { v1Gate } from './middleware/v1-gate.middleware';
import { controlRouter } from './routes/control.route';
import { tokenRouter } from './routes/token.route';
import { v1Router } from './routes/v1.route';
import type { EmulatorState } from './services/emulator-state';

/**
 * The emulator's HTTP app: accounts service at `/api/token`, Web API at `/v1`, control API at
 * `/__emulator`. Only `/v1` passes through the gate (auth, limits, latency, faults).
 */
export function createApp(state: EmulatorState): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use('/api/token', tokenRouter(state));
  app.use('/__emulator', controlRouter(state));
  app.use('/v1', v1Gate(state), v1Router(state));
  app.use(notFound);
  app.use(errorHandler(state.log));
  return app;
}
