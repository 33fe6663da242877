import express, { type Response, Router } from 'express';
import { z } from 'zod';
import { EmulatorConfigError } from '../runtime-config';
import type { EmulatorState } from '../services/emulator-state';

const resetQuery = z.object({ tokens: z.enum(['1', 'true', '0', 'false']).optional() });

function badRequest(res: Response, code: string, message: string, details?: unknown): void {
  res.status(400).json({ error: details === undefined ? { code, message } : { code, message, details } });
}

/** Control API (not part of Spotify, never rate limited or faulted), mounted at `/__emulator`. */
export function controlRouter(state: EmulatorState): Router {
  const router = Router();

  router.get('/stats', (_req, res) => {
    res.json(state.stats());
  });

  router.post('/reset', (req, res) => {
    const query = resetQuery.safeParse(req.query);
    if (!query.success) return badRequest(res, 'invalid_query', 'tokens must be 1, true, 0 or false');
    const tokens = query.data.tokens === '1' || query.data.tokens === 'true';
    state.reset({ tokens });
    res.json({ reset: true, tokensRevoked: tokens });
  });

  router.get('/config', (_req, res) => {
    res.json(state.config());
  });

  router.patch('/config', express.json({ limit: '16kb' }), (req, res) => {
    try {
      res.json(state.configure(req.body));
    } catch (error) {
      if (!(error instanceof EmulatorConfigError)) throw error;
      badRequest(res, 'invalid_config', 'Config patch rejected', error.issues);
    }
  });

  router.post('/tokens/expire', (_req, res) => {
    res.json({ expired: state.expireTokens() });
  });
  return router;
}
