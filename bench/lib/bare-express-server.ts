/**
 * The baseline of `api-throughput.bench.ts`: a bare express app (same express version as the api, no middleware)
 * whose `GET /api/v1/search` answers `res.json(body)` with the JSON the api answered for the warmed search — the
 * object is serialised on every request, as the api's `res.json` does. Run as its own process:
 *   BARE_PORT=4000 BARE_BODY_FILE=/tmp/body.json node --import tsx bench/lib/bare-express-server.ts
 */
import express from 'express';
import { readFileSync } from 'node:fs';

const port = Number(process.env.BARE_PORT ?? 0);
const body: unknown = JSON.parse(readFileSync(process.env.BARE_BODY_FILE ?? '', 'utf8'));

const app = express();
app.get('/api/v1/search', (_req, res) => {
  res.json(body);
});
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
const server = app.listen(port, '127.0.0.1', () => {
  process.stdout.write(`bare express listening on ${port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
