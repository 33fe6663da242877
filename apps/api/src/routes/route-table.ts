import type { Application } from 'express';

/** A route the app serves, with an OpenAPI-style path (`/albums/{id}` for `/albums/:id`). */
export interface ServedRoute {
  method: string;
  path: string;
}

/**
 * A handler carrying this symbol stands, in the route table, for the routes it lists: used where a mount serves routes
 * of its own that are not part of the API (the bull-board dashboard's internal API and assets under /admin/queues, the
 * Swagger UI's assets under /docs), so only their documented entry points count as routes.
 */
export const DOCUMENTED_ROUTES = Symbol('documentedRoutes');

/** Marks `handler` (see DOCUMENTED_ROUTES) and returns it. */
export function documentedAs<H extends object>(routes: ServedRoute[], handler: H): H {
  Object.defineProperty(handler, DOCUMENTED_ROUTES, { value: routes });
  return handler;
}

/** What the router (Express 5's `router` package) keeps of one `use` or route; not part of Express's typings. */
interface StackLayer {
  /** The mount path (`use`) or route path. */
  rawPath?: unknown;
  /** True for a `use` without a path: it matches every path and strips nothing. */
  slash?: boolean;
  /** Whether `path` is this layer's (a prefix for `use`, the whole path for a route), and the part it matched. */
  match(path: string): false | { path: string } | true;
  /** The path matched by the last `match` (older versions of the router answer `true` and set this). */
  path?: string;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: StackLayer[]; [DOCUMENTED_ROUTES]?: ServedRoute[] };
}

const stackOf = (app: Application): StackLayer[] => (app.router as unknown as { stack: StackLayer[] }).stack;
const methodsOf = (route: { methods: Record<string, boolean> }): string[] => Object.keys(route.methods).filter((m) => m !== '_all' && route.methods[m]);

const withoutTrailingSlash = (path: string): string => (path.length > 1 ? path.replace(/\/+$/, '') : path);

function collectMethods(stack: StackLayer[], path: string, fullPath: string, out: Set<string>): void {
  for (const layer of stack) {
    let matched: ReturnType<StackLayer['match']>;
    try {
      matched = layer.match(path);
    } catch {
      continue; // a path the router cannot decode matches nothing
    }
    if (!matched) continue;
    const documented = layer.handle?.[DOCUMENTED_ROUTES];
    if (documented) {
      for (const route of documented) if (route.path === withoutTrailingSlash(fullPath)) out.add(route.method.toUpperCase());
    } else if (layer.route) {
      for (const method of methodsOf(layer.route)) out.add(method.toUpperCase());
    } else if (layer.handle?.stack) {
      const consumed = matched === true ? (layer.path ?? '') : matched.path;
      collectMethods(layer.handle.stack, path.slice(consumed.length) || '/', fullPath, out);
    }
  }
}

/**
 * The methods the routes of `app` answer on `path`, asked of the routers themselves (the same matching that serves a
 * request), sorted as Express sorts them in its own answer to OPTIONS; HEAD wherever GET is (Express answers HEAD with
 * the GET route). Empty when no route has this path.
 */
export function allowedMethods(app: Application, path: string): string[] {
  const found = new Set<string>();
  collectMethods(stackOf(app), path, path, found);
  if (found.has('GET')) found.add('HEAD');
  return [...found].sort();
}
