import { createHash } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Spotify id: exactly 22 base62 characters. */
export const BASE62_ID = /^[0-9A-Za-z]{22}$/;

const digest = (key: string): Buffer => createHash('sha256').update(key).digest();

/** A stable 22-character base62 id derived from `key`. */
export function deterministicId(key: string): string {
  const bytes = digest(key);
  let id = '';
  for (let i = 0; i < 22; i += 1) id += BASE62[(bytes[i] as number) % 62];
  return id;
}

/** A stable integer in [min, max] derived from `key`. */
export function deterministicInt(key: string, min: number, max: number): number {
  return min + (digest(key).readUInt32BE(0) % (max - min + 1));
}

/** 24 hex characters: the per-image part of an i.scdn.co id (after the 16-character size prefix). */
export function imageHash(key: string): string {
  return createHash('sha1').update(`image:${key}`).digest('hex').slice(0, 24);
}
