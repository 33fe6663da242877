import { ratingStoreConfigSchema, type RatingStoreConfig } from './rating-store-config.schema';

/**
 * The rating store settings of a process: SUPABASE_URL + SUPABASE_SERVICE_ROLE_KEY, or DATABASE_URL (one of them is
 * required). Returns the parsed config, or one line naming each bad variable (never its value).
 */
export function parseRatingStoreEnv(env: NodeJS.ProcessEnv): { config?: RatingStoreConfig; problems?: string } {
  const parsed = ratingStoreConfigSchema.safeParse({
    SUPABASE_URL: env.SUPABASE_URL,
    SUPABASE_SERVICE_ROLE_KEY: env.SUPABASE_SERVICE_ROLE_KEY,
    DATABASE_URL: env.DATABASE_URL,
  });
  if (parsed.success) return { config: parsed.data };
  return { problems: parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(settings)'}: ${issue.message}`).join('; ') };
}
