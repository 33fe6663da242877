import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's security headers. Its Content-Security-Policy carries `upgrade-insecure-requests`, which tells the browser
 * to fetch every sub-resource over https: on a page served over plain HTTP from any address but localhost (a VM,
 * compose, the single container without TLS) Swagger UI's and bull-board's scripts then fail and /docs and
 * /admin/queues render blank. So the directive goes only on answers to requests that came over https (`req.secure`:
 * the connection's TLS, or X-Forwarded-Proto from a proxy TRUST_PROXY trusts).
 */
export function securityHeaders(): RequestHandler {
  const overHttps = helmet();
  const overPlainHttp = helmet({ contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } } });
  return (req, res, next) => (req.secure ? overHttps : overPlainHttp)(req, res, next);
}
