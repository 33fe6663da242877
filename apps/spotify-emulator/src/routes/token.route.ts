import express, { type Request, type Response, Router } from 'express';
import { single } from '../http/params';
import type { EmulatorState } from '../services/emulator-state';

interface Credentials {
  clientId: string;
  clientSecret: string;
}

function basicCredentials(req: Request): Credentials | null {
  const match = /^Basic\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

function formCredentials(body: Record<string, unknown>): Credentials | null {
  const clientId = single(body.client_id);
  const clientSecret = single(body.client_secret);
  return clientId !== undefined && clientSecret !== undefined ? { clientId, clientSecret } : null;
}

const KNOWN_GRANTS = new Set(['client_credentials', 'authorization_code', 'refresh_token']);

/**
 * Spotify accounts service, client-credentials grant only: `POST /api/token` with a form body and
 * HTTP Basic client auth (or client_id/client_secret in the form). Errors use the flat OAuth shape.
 * Never rate limited, never faulted.
 */
export function tokenRouter(state: EmulatorState): Router {
  const router = Router();
  const log = state.log.child({ component: 'accounts' });
  const fail = (res: Response, error: string, description: string): void => {
    state.tokenRequest(false);
    log.debug({ error }, 'token refused');
    res.status(400).json({ error, error_description: description });
  };

  router.post('/', express.urlencoded({ extended: false, limit: '16kb' }), (req, res) => {
    res.set('cache-control', 'no-store');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const credentials = basicCredentials(req) ?? formCredentials(body);
    if (!credentials) return fail(res, 'invalid_client', 'Invalid client');
    const check = state.checkClient(credentials.clientId, credentials.clientSecret);
    if (check === 'unknownClient') return fail(res, 'invalid_client', 'Invalid client');
    if (check === 'wrongSecret') return fail(res, 'invalid_client', 'Invalid client secret');
    const grantType = single(body.grant_type);
    if (!grantType) return fail(res, 'unsupported_grant_type', 'grant_type parameter is missing');
    if (!KNOWN_GRANTS.has(grantType)) {
      return fail(res, 'unsupported_grant_type', 'grant_type must be client_credentials, authorization_code or refresh_token');
    }
    if (grantType !== 'client_credentials') {
      return fail(res, 'unsupported_grant_type', 'The emulator supports only grant_type=client_credentials');
    }
    const token = state.issueToken();
    state.tokenRequest(true);
    res.json({ access_token: token.accessToken, token_type: 'Bearer', expires_in: token.expiresInS });
  });
  return router;
}
