import { z } from 'zod';

/**
 * The client-credentials token answer: only `access_token`, `token_type: "Bearer"` and `expires_in`
 * (seconds); no `scope`, no `refresh_token` (real-responses README, surprise 8).
 */
export const rawTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().refine((value) => value.toLowerCase() === 'bearer', 'must be Bearer'),
  expires_in: z.number().positive(),
});
export type RawTokenResponse = z.infer<typeof rawTokenResponseSchema>;
