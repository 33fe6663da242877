import { z } from 'zod';

/** Which back end to use, derived from the environment by `ratingStoreConfigSchema`. */
export type RatingStoreConfig =
  | { backend: 'supabase'; supabaseUrl: string; serviceRoleKey: string }
  | { backend: 'postgres'; databaseUrl: string };

/** What an app without a database says (one line): what to set, or the commands that set it. */
export const NO_RATING_STORE_MESSAGE =
  'no ratings database configured: set DATABASE_URL (postgres://...) or SUPABASE_URL + SUPABASE_SERVICE_ROLE_KEY, or run the whole stack with `pnpm start` / `pnpm dev`, which start an embedded PostgreSQL and set DATABASE_URL';

const emptyToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optional = <S extends z.ZodType>(schema: S) => z.preprocess(emptyToUndefined, schema.optional());

const envShape = z.object({
  SUPABASE_URL: optional(z.url({ protocol: /^https?$/, error: 'SUPABASE_URL must be an http(s) URL' })),
  SUPABASE_SERVICE_ROLE_KEY: optional(
    z.string().min(20, { error: 'SUPABASE_SERVICE_ROLE_KEY is too short to be a service-role key' }),
  ),
  DATABASE_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\/\S+$/, { error: 'DATABASE_URL must be a postgres:// URL' }),
  ),
});

/** The environment variables the store reads (all optional strings). */
export type RatingStoreEnv = z.input<typeof envShape>;

/**
 * Parses SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY and DATABASE_URL (empty strings count as unset) into a
 * `RatingStoreConfig`:
 *   - SUPABASE_URL + SUPABASE_SERVICE_ROLE_KEY -> supabase (one without the other is an error),
 *   - DATABASE_URL                             -> postgres (combined with Supabase: an error),
 *   - neither                                  -> an error naming DATABASE_URL (`NO_RATING_STORE_MESSAGE`): no app
 *     opens a database of its own; `pnpm start` / `pnpm dev` start an embedded PostgreSQL and set DATABASE_URL.
 * Error messages name the variable and never echo its value.
 */
export const ratingStoreConfigSchema = envShape
  .superRefine((env, ctx) => {
    const hasUrl = env.SUPABASE_URL !== undefined;
    const hasKey = env.SUPABASE_SERVICE_ROLE_KEY !== undefined;
    if (hasUrl && !hasKey) {
      ctx.addIssue({
        code: 'custom',
        path: ['SUPABASE_SERVICE_ROLE_KEY'],
        message: 'SUPABASE_SERVICE_ROLE_KEY is required when SUPABASE_URL is set',
      });
    }
    if (hasKey && !hasUrl) {
      ctx.addIssue({
        code: 'custom',
        path: ['SUPABASE_URL'],
        message: 'SUPABASE_URL is required when SUPABASE_SERVICE_ROLE_KEY is set',
      });
    }
    if ((hasUrl || hasKey) && env.DATABASE_URL !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'set either SUPABASE_URL/SUPABASE_SERVICE_ROLE_KEY or DATABASE_URL, not both',
      });
    }
    if (!hasUrl && !hasKey && env.DATABASE_URL === undefined) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: NO_RATING_STORE_MESSAGE });
    }
  })
  .transform((env): RatingStoreConfig => {
    if (env.SUPABASE_URL !== undefined && env.SUPABASE_SERVICE_ROLE_KEY !== undefined) {
      return { backend: 'supabase', supabaseUrl: env.SUPABASE_URL, serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY };
    }
    // superRefine guarantees DATABASE_URL here.
    return { backend: 'postgres', databaseUrl: env.DATABASE_URL ?? '' };
  });
