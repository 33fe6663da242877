import { z } from 'zod';
import { LEADERBOARD_WINDOWS } from './rating-store.types';
import type { AlbumInfo, AlbumInput } from './rating-store.types';
import { RatingStoreValidationError } from './rating-store.errors';

/** Spotify ids are 22 base62 characters. */
export const spotifyIdSchema = z
  .string()
  .regex(/^[0-9A-Za-z]{22}$/, { error: 'must be a 22-character base62 Spotify id' });

/** Supabase auth user id (any 8-4-4-4-12 hex uuid), normalised to lower case. */
export const userIdSchema = z.guid({ error: 'must be a uuid' }).transform((v) => v.toLowerCase());

export const albumIdSchema = spotifyIdSchema;

export const scoreSchema = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be an integer' })
  .min(1, { error: 'must be at least 1' })
  .max(10, { error: 'must be at most 10' });

export const leaderboardWindowSchema = z.enum(LEADERBOARD_WINDOWS, {
  error: `must be one of ${LEADERBOARD_WINDOWS.join(', ')}`,
});

export const pageSchema = z
  .object({
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).max(10_000).default(0),
  })
  .strict();

const nullableText = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((v) => v ?? null);

export const albumInputSchema = z
  .object({
    id: spotifyIdSchema,
    name: z.string().min(1).max(1000),
    artists: z.array(z.object({ id: z.string().min(1).max(100), name: z.string().max(1000) }).strict()).max(100),
    imageUrl: nullableText(2000),
    releaseDate: nullableText(20),
    albumType: nullableText(50),
    totalTracks: z
      .number()
      .int()
      .min(0)
      .nullish()
      .transform((v) => v ?? null),
    spotifyUrl: nullableText(2000),
  })
  .strict();

/**
 * The catalogue fields of any album-shaped value — a Spotify summary or detail, a stored entry — and nothing else
 * (missing optional fields as null), under `id` (default: the album's own): what `upsertAlbums` stores and what the
 * API shows of an album.
 */
export function catalogFieldsOf(album: AlbumInput, id: string = album.id): AlbumInfo {
  return {
    id,
    name: album.name,
    artists: album.artists.map((artist) => ({ id: artist.id, name: artist.name })),
    imageUrl: album.imageUrl ?? null,
    releaseDate: album.releaseDate ?? null,
    albumType: album.albumType ?? null,
    totalTracks: album.totalTracks ?? null,
    spotifyUrl: album.spotifyUrl ?? null,
  };
}

export const albumBatchSchema = z.array(albumInputSchema).max(500);

/** `listStaleAlbums`: an age in whole seconds (≥ 0) and a batch of 1..500. */
export const staleAlbumsQuerySchema = z.object({
  olderThanSeconds: z.number().int().min(0).max(2_147_483_647),
  limit: z.number().int().min(1).max(500),
});

export type ValidAlbum = AlbumInfo;

/** Parse `value` or throw a RatingStoreValidationError naming `operation`. */
export function parseInput<S extends z.ZodType>(operation: string, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new RatingStoreValidationError(
    operation,
    result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}
