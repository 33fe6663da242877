import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@albumboard/observability';

export interface HealthServerOptions {
  port: number;
  /** Bind address; defaults to all interfaces so probes from compose/Kubernetes reach it. */
  host?: string;
  /** True while the worker runs; `/healthz` answers 503 once it is closing. */
  isAlive: () => boolean;
  logger: Logger;
}

export interface HealthServer {
  /** The bound port (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

function send(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** A liveness endpoint for probes: `GET /healthz` → 200 `{"status":"ok"}` while the worker runs. */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/healthz') return send(res, 404, { error: { code: 'not_found', message: 'Not found' } });
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: { code: 'method_not_allowed', message: 'Use GET' } });
    if (options.isAlive()) return send(res, 200, { status: 'ok' });
    return send(res, 503, { status: 'closing' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info({ port }, `Health endpoint on http://0.0.0.0:${port}/healthz`);
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
