import { z } from 'zod';

/**
 * Spotify's ImageObject. `height`/`width` are nullable in the spec and images are not always square
 * (the 2014 recordings have 800×601 and 266×200), so nothing here assumes a shape beyond `url`.
 */
export const rawImageSchema = z.looseObject({
  url: z.string().min(1),
  height: z.number().nullable().optional(),
  width: z.number().nullable().optional(),
});
export type RawImage = z.infer<typeof rawImageSchema>;

/** `images` may be `[]` or, defensively, missing. */
export const rawImagesSchema = z.array(rawImageSchema).optional();

/** `external_urls` with the one key albumboard uses. */
export const rawExternalUrlsSchema = z.looseObject({ spotify: z.string().optional() }).optional();
