import { z } from 'zod';
import type { ArtistSeed } from './catalog.types';
import { BASE62_ID } from './ids';
import data from './real-artists.json';

/**
 * Real artists and releases, kept as data in `real-artists.json`: names, release dates,
 * standard-edition track counts, labels and album types as published. Ids are Spotify's where the
 * file gives one, otherwise derived deterministically from the names (see catalog.ts). Track titles
 * are generated. The file is checked once, when the emulator loads.
 */
const id = z.string().regex(BASE62_ID);
const name = z.string().min(1);

const albumSeed = z.strictObject({
  name,
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
  tracks: z.number().int().min(1),
  label: name,
  type: z.enum(['album', 'single', 'compilation']).optional(),
  id: id.optional(),
  with: z.array(name).optional(),
  features: z.array(name).optional(),
});

const artistSeed = z.strictObject({
  name,
  id: id.optional(),
  localizedNames: z.record(z.string().regex(/^[a-z]{2}$/), name).optional(),
  genre: name,
  popularity: z.number().int().min(0).max(100),
  albums: z.array(albumSeed).min(1),
});

export const REAL_ARTISTS: ArtistSeed[] = z.strictObject({ artists: z.array(artistSeed) }).parse(data).artists;
