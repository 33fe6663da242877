import { z } from 'zod';

/** Which back end to use, derived from the environment by `ratingStoreConfigSchema`. */
export type RatingStoreConfig =
  | { backend: 'supabase'; supabaseUrl: string; serviceRoleKey: string }
  | { backend: 'postgres'; databaseUrl: string }
  | { backend: 'pglite'; dataDir: string };

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
  PGLITE_DATA_DIR: optional(z.string().min(1)),
});

/** The environment variables the store reads (all optional strings). */
export type RatingStoreEnv = z.input<typeof envShape>;

/**
 * Parses SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY, DATABASE_URL and PGLITE_DATA_DIR (empty strings
 * count as unset) into a `RatingStoreConfig`:
 *   - SUPABASE_URL + SUPABASE_SERVICE_ROLE_KEY -> supabase (one without the other is an error),
 *   - DATABASE_URL                             -> postgres (combined with Supabase: an error),
 *   - otherwise PGLITE_DATA_DIR                -> pglite (required then; the app picks the default,
 *     e.g. `<repo>/.data/pglite`, and `memory://` keeps everything in memory).
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
    if (!hasUrl && !hasKey && env.DATABASE_URL === undefined && env.PGLITE_DATA_DIR === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['PGLITE_DATA_DIR'],
        message:
          'no rating store configured: set SUPABASE_URL + SUPABASE_SERVICE_ROLE_KEY, DATABASE_URL, or PGLITE_DATA_DIR',
      });
    }
  })
  .transform((env): RatingStoreConfig => {
    if (env.SUPABASE_URL !== undefined && env.SUPABASE_SERVICE_ROLE_KEY !== undefined) {
      return { backend: 'supabase', supabaseUrl: env.SUPABASE_URL, serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY };
    }
    if (env.DATABASE_URL !== undefined) return { backend: 'postgres', databaseUrl: env.DATABASE_URL };
    // superRefine guarantees PGLITE_DATA_DIR here.
    return { backend: 'pglite', dataDir: env.PGLITE_DATA_DIR ?? '' };
  });
