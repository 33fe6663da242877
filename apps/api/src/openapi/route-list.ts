import type { Express } from 'express';

/** A route the app serves, with an OpenAPI-style path (`/albums/{id}` for `/albums/:id`). */
export interface ServedRoute {
  method: string;
  path: string;
}

/**
 * A handler carrying this symbol stands, in the route table, for the routes it lists: used where a mount serves routes
 * of its own that are not part of the API (the bull-board dashboard's internal API and assets under /admin/queues, the
 * Swagger UI's assets under /docs), so only their documented entry points are compared with the OpenAPI document.
 */
export const DOCUMENTED_ROUTES = Symbol('documentedRoutes');

/** Marks `handler` (see DOCUMENTED_ROUTES) and returns it. */
export function documentedAs<H extends object>(routes: ServedRoute[], handler: H): H {
  Object.defineProperty(handler, DOCUMENTED_ROUTES, { value: routes });
  return handler;
}

interface StackLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: StackLayer[]; [DOCUMENTED_ROUTES]?: ServedRoute[] };
}

function walk(stack: StackLayer[], out: ServedRoute[]): void {
  for (const layer of stack) {
    const documented = layer.handle?.[DOCUMENTED_ROUTES];
    if (documented) {
      out.push(...documented);
      continue;
    }
    if (layer.route && typeof layer.route.path === 'string') {
      const path = layer.route.path.replace(/:(\w+)/g, '{$1}');
      for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') out.push({ method, path });
    } else if (layer.handle?.stack) {
      // Feature routers are mounted without a path prefix, so their routes carry full paths.
      walk(layer.handle.stack, out);
    }
  }
}

/** Every route registered on `app` (walks the router stack; routers must be mounted without a prefix). */
export function listServedRoutes(app: Express): ServedRoute[] {
  const out: ServedRoute[] = [];
  walk((app.router as unknown as { stack: StackLayer[] }).stack, out);
  return out;
}
