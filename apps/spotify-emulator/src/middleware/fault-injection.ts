import type { NextFunction, Request, Response } from 'express';
import { ENVOY_503_TEXT, SPOTIFY_MESSAGES, sendSpotifyError } from '../http/spotify-error';
import type { FaultKind } from '../runtime-config';

/**
 * Applies an injected fault to an accepted request, or passes it on (`fault === null`,
 * `malformedJson`, whose truncation happens when the route answers).
 */
export function injectFault(
  fault: FaultKind | null,
  serviceUnavailableBody: 'text' | 'empty',
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  switch (fault) {
    case null:
      return next();
    case 'http500':
      return sendSpotifyError(res, 500, SPOTIFY_MESSAGES.serverError);
    case 'http502':
      res.status(502).end();
      return;
    case 'http503':
      if (serviceUnavailableBody === 'text') res.status(503).type('text/plain').send(ENVOY_503_TEXT);
      else res.status(503).end();
      return;
    case 'hang':
      // Never answer. The socket is released when the client gives up or the emulator closes.
      return;
    case 'reset':
      req.socket.destroy();
      return;
    case 'malformedJson':
      res.locals.malformed = true;
      res.json = (body: unknown) => {
        const text = JSON.stringify(body) ?? '';
        return res.status(200).type('application/json').send(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      };
      return next();
  }
}
