import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** A cached answer: its JSON text and when it was fetched from Spotify (epoch ms, so its age can be told). */
export interface CacheEntry {
  fetchedAtMs: number;
  json: string;
}

/**
 * Level 1 of raw DEFLATE: the emulator's 279 real answers (10 albums) shrink 3.0× (mean 1,719 → 572 bytes) for 2–40 µs
 * of inflating per hit on this loaded 2-core machine, against a hit's ~100–190 µs round trip; level 6 or brotli 5 save
 * 2–6 % more for a slower write, brotli 1 less (`pnpm bench:search-cache`).
 */
const LEVEL = 1;
/** The header `<fetchedAtMs> d\n`: `d` names the body's encoding (raw DEFLATE of the JSON text). */
const HEADER = /^(\d{1,15}) d$/;
/** The longest header: 15 digits, a space, `d`. */
const MAX_HEADER = 17;

/** `<fetchedAtMs> d\n` followed by the answer's JSON, deflated. */
export function encodeEntry(entry: CacheEntry): Buffer {
  return Buffer.concat([Buffer.from(`${entry.fetchedAtMs} d\n`, 'latin1'), deflateRawSync(entry.json, { level: LEVEL })]);
}

/**
 * The entry `raw` holds, or null when it is not one (another version's format, damaged): the JSON is inflated as it
 * was stored, not parsed (the writer checked it once), only seen to be an object.
 */
export function decodeEntry(raw: Buffer): CacheEntry | null {
  const newline = raw.subarray(0, MAX_HEADER + 1).indexOf(0x0a);
  if (newline < 0) return null;
  const header = HEADER.exec(raw.subarray(0, newline).toString('latin1'));
  if (!header) return null;
  let json: string;
  try {
    json = inflateRawSync(raw.subarray(newline + 1)).toString('utf8');
  } catch {
    return null;
  }
  if (!json.startsWith('{') || !json.endsWith('}')) return null;
  return { fetchedAtMs: Number(header[1]), json };
}
