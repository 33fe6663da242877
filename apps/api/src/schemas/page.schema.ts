import { MAX_PAGED_LIMIT } from '@albumboard/queue-contracts';
import { z } from 'zod';
import { integerParam } from './query-params';

/**
 * The most items one page of any list holds: Spotify's own page size for an artist's albums (a search page is one
 * Spotify request; more would take several). Every list pages alike, so a client writes one loop.
 */
export const MAX_PAGE_LIMIT = MAX_PAGED_LIMIT;
/** The last offset of the lists read from the database (your ratings, the leaderboards): the rating store's bound. */
export const MAX_STORED_LIST_OFFSET = 10_000;
/** Items per page when the client does not say. */
export const DEFAULT_PAGE_LIMIT = 20;

/**
 * `limit` and `offset` of a list's query string; `maxOffset` is the last offset the list answers. Search keeps its
 * default page of 10 albums: each answer is cached and passes through Redis, and its footprint was sized on it.
 */
export function pageQueryShape(maxOffset: number, defaultLimit = DEFAULT_PAGE_LIMIT) {
  return {
    limit: integerParam(1, MAX_PAGE_LIMIT, defaultLimit).meta({
      description: `Items per page (1–${MAX_PAGE_LIMIT}, default ${defaultLimit})`,
    }),
    offset: integerParam(0, maxOffset, 0).meta({ description: `Index of the first item (0–${maxOffset}, default 0)` }),
  };
}

/** The answer of a list: its `items` and `{ total, limit, offset, nextOffset }`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().meta({ description: 'Items in the whole list' }),
    limit: z.number().int().meta({ description: 'The page size asked for' }),
    offset: z.number().int().meta({ description: 'Index of the first item of this page' }),
    nextOffset: z.number().int().nullable().meta({ description: 'The `offset` of the next page; null on the last page' }),
  });
}

/**
 * The paging fields of the answer to `page` of a list of `total` items: a next page while `more` (by default: items
 * remain past this page) and its offset is one the list answers (≤ `maxOffset`).
 */
export function pageFields(page: { limit: number; offset: number }, total: number, maxOffset: number, more = page.offset + page.limit < total) {
  const next = page.offset + page.limit;
  return { total, limit: page.limit, offset: page.offset, nextOffset: more && next <= maxOffset ? next : null };
}
