import { z } from 'zod';

/**
 * PagingObject. `total`, `limit` and `offset` are what albumboard pages on; `next`/`previous`/`href` are
 * tolerated in any form (null, missing).
 */
export function rawPagingSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    href: z.string().nullable().optional(),
    items: z.array(item),
    limit: z.number().int().nonnegative(),
    offset: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    next: z.string().nullable().optional(),
    previous: z.string().nullable().optional(),
  });
}
