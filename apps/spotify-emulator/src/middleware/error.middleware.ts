import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '@albumboard/observability';
import { SPOTIFY_MESSAGES, sendSpotifyError } from '../http/spotify-error';

/** JSON 404 for paths outside the emulated services. */
export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: `No route for ${req.method} ${req.path}` } });
};

/** Last-resort handler: body-parse errors become 400s in each service's own error shape; nothing internal leaks. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const status = typeof err === 'object' && err !== null && 'status' in err ? Number(err.status) : 500;
    const clientError = status >= 400 && status < 500;
    if (!clientError) log.error({ path: req.path, error: err instanceof Error ? err.message : String(err) }, 'unhandled error');
    if (req.originalUrl.startsWith('/api/token')) {
      res.status(400).json({ error: 'invalid_request', error_description: 'Malformed request body' });
    } else if (req.originalUrl.startsWith('/v1')) {
      if (clientError) sendSpotifyError(res, 400, 'Bad request');
      else sendSpotifyError(res, 500, SPOTIFY_MESSAGES.serverError);
    } else {
      res.status(clientError ? 400 : 500).json({
        error: clientError
          ? { code: 'invalid_body', message: 'Request body is not valid JSON' }
          : { code: 'internal', message: 'Internal error' },
      });
    }
  };
}
