import type { Request, Response } from 'express';
import { BASE62_ID } from '../catalog/ids';
import { isKnownMarket } from '../catalog/markets';
import { SPOTIFY_MESSAGES, sendSpotifyError } from './spotify-error';

/** A query value as one string (first of repeated values); undefined when absent or not a string. */
export function single(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** Parses a non-negative integer within [min, max]; `fallback` when absent; null when invalid. */
export function parseBoundedInt(raw: unknown, fallback: number, min: number, max: number): number | null {
  if (raw === undefined) return fallback;
  const text = single(raw);
  if (text === undefined || !/^\d{1,9}$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

export type MarketParam = { ok: true; market: string | null } | { ok: false };

export function parseMarket(raw: unknown): MarketParam {
  if (raw === undefined) return { ok: true, market: null };
  const text = single(raw);
  return text !== undefined && isKnownMarket(text) ? { ok: true, market: text } : { ok: false };
}

export function isSpotifyId(id: string): boolean {
  return BASE62_ID.test(id);
}

/** Base URL of this emulator's Web API as the client reached it, e.g. `http://127.0.0.1:4010/v1`. */
export function apiBase(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}/v1`;
}

export interface PagingBounds {
  /** Default, least and greatest `limit`, as the endpoint's reference gives them. */
  limit: { fallback: number; min: number; max: number };
  /** Greatest `offset`. */
  maxOffset: number;
}

/**
 * `limit`, `offset` and `market` of a paged endpoint, checked in that order as Spotify checks them; on the first bad one
 * answers 400 with Spotify's message and returns null.
 */
export function parsePaging(req: Request, res: Response, bounds: PagingBounds): { limit: number; offset: number; market: string | null } | null {
  const refuse = (message: string): null => {
    sendSpotifyError(res, 400, message);
    return null;
  };
  const limit = parseBoundedInt(req.query.limit, bounds.limit.fallback, bounds.limit.min, bounds.limit.max);
  if (limit === null) return refuse(SPOTIFY_MESSAGES.invalidLimit);
  const offset = parseBoundedInt(req.query.offset, 0, 0, bounds.maxOffset);
  if (offset === null) return refuse(SPOTIFY_MESSAGES.invalidOffset);
  const market = parseMarket(req.query.market);
  if (!market.ok) return refuse(SPOTIFY_MESSAGES.invalidMarket);
  return { limit, offset, market: market.market };
}
