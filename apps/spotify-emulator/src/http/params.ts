import type { Request } from 'express';
import { BASE62_ID } from '../catalog/ids';
import { isKnownMarket } from '../catalog/markets';

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
