import type { Express } from 'express';
import { DOCUMENTED_ROUTES, type ServedRoute } from '../../src/routes/route-table';

/** What the tests read of a router layer (Express 5's `router` package; not in Express's typings). */
interface Layer {
  rawPath?: unknown;
  slash?: boolean;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[]; [DOCUMENTED_ROUTES]?: ServedRoute[] };
}

function walk(stack: Layer[], prefix: string, out: ServedRoute[]): void {
  for (const layer of stack) {
    const documented = layer.handle?.[DOCUMENTED_ROUTES];
    if (documented) {
      out.push(...documented);
    } else if (layer.route && typeof layer.route.path === 'string') {
      const path = (prefix + layer.route.path).replace(/:(\w+)/g, '{$1}');
      for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') out.push({ method, path });
    } else if (layer.handle?.stack) {
      walk(layer.handle.stack, prefix + (layer.slash || typeof layer.rawPath !== 'string' ? '' : layer.rawPath), out);
    }
  }
}

/** Every route registered on `app`, with its full OpenAPI-style path (mount paths included, `{id}` for `:id`). */
export function listServedRoutes(app: Express): ServedRoute[] {
  const out: ServedRoute[] = [];
  walk((app.router as unknown as { stack: Layer[] }).stack, '', out);
  return out;
}
