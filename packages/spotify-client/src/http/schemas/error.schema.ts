import { z } from 'zod';

/**
 * The Web API error body `{ error: { status, message } }`. Spotify adds `reason` on 429s (`QUOTA_EXCEEDED`),
 * which the spec's ErrorObject does not list, so unknown keys pass. The 401 message changed in 2026: never
 * match on `message`. Many 429/5xx answers have no JSON body at all; callers use `safeParse`.
 */
export const rawWebApiErrorSchema = z.looseObject({
  error: z.looseObject({ status: z.number().int(), message: z.string().optional(), reason: z.string().optional() }),
});
export type RawWebApiError = z.infer<typeof rawWebApiErrorSchema>;

/** The accounts service (token endpoint) uses the flat OAuth shape instead. */
export const rawTokenErrorSchema = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
});
export type RawTokenError = z.infer<typeof rawTokenErrorSchema>;
