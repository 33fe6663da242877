import type { z } from 'zod';
import { realResponseFiles, readRealResponse } from '../../../src/test-support/real-responses';
import {
  rawAlbumSchema,
  rawArtistAlbumsResponseSchema,
  rawArtistSchema,
  rawSearchAlbumsResponseSchema,
  rawSearchArtistsResponseSchema,
  rawTokenErrorSchema,
  rawTokenResponseSchema,
  rawWebApiErrorSchema,
} from '../../../src/http/schemas';

/** Filename prefix → the schema that must accept the body. Longer prefixes first. */
const SCHEMA_BY_PREFIX: [string, z.ZodType][] = [
  ['search-artist', rawSearchArtistsResponseSchema],
  ['search-album', rawSearchAlbumsResponseSchema],
  ['artist-albums', rawArtistAlbumsResponseSchema],
  ['artist.', rawArtistSchema],
  ['album.', rawAlbumSchema],
  ['error-', rawWebApiErrorSchema],
  ['token-success', rawTokenResponseSchema],
  ['token-error', rawTokenErrorSchema],
];

function schemaFor(file: string): z.ZodType | undefined {
  return SCHEMA_BY_PREFIX.find(([prefix]) => file.startsWith(prefix))?.[1];
}

const files = realResponseFiles();

describe('real Spotify responses', () => {
  it('has at least one recorded body for every prefix', () => {
    for (const [prefix] of SCHEMA_BY_PREFIX) {
      expect(files.filter((f) => f.startsWith(prefix)).length).toBeGreaterThan(0);
    }
  });

  it.each(files)('%s is parsed by the schema of its prefix', (file) => {
    const schema = schemaFor(file);
    expect(schema).toBeDefined();
    const result = schema!.safeParse(readRealResponse(file));
    if (!result.success) throw new Error(`${file}: ${JSON.stringify(result.error.issues.slice(0, 3))}`);
  });

  it('keeps keys the schemas do not name (passthrough)', () => {
    const parsed = rawAlbumSchema.parse(readRealResponse('album.joostlek-python-spotify.json')) as Record<string, unknown>;
    expect(parsed.external_ids).toEqual({ upc: '195916707034' });
    expect(parsed.uri).toBe('spotify:album:3IqzqH6ShrRtie9Yd2ODyG');
  });

  it('is strict on what albumboard uses: ids and names', () => {
    const artist = readRealResponse('artist.spotDL.2022-02-08.json') as Record<string, unknown>;
    expect(rawArtistSchema.safeParse({ ...artist, id: 'not-an-id' }).success).toBe(false);
    expect(rawArtistSchema.safeParse({ ...artist, name: undefined }).success).toBe(false);
    const page = readRealResponse('artist-albums.rspotify-ruby.2014-08-15.json') as { items: Record<string, unknown>[] };
    const broken = { ...page, items: [{ ...page.items[0], id: 42 }] };
    expect(rawArtistAlbumsResponseSchema.safeParse(broken).success).toBe(false);
  });

  it('rejects a Web API error body in the token-error shape and vice versa', () => {
    expect(rawWebApiErrorSchema.safeParse(readRealResponse('token-error.invalid_client.json')).success).toBe(false);
    expect(rawTokenErrorSchema.safeParse(readRealResponse('error-401.access-token-expired.json')).success).toBe(false);
  });
});
