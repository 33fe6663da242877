/** Spotify paging object: `href`, `limit`, `next`, `offset`, `previous`, `total`, `items`. */
export interface Paging<T> {
  href: string;
  limit: number;
  next: string | null;
  offset: number;
  previous: string | null;
  total: number;
  items: T[];
}

/** Encodes a query value the way Spotify's hrefs show it (spaces as %20, commas kept). */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',');
}

/** Builds a URL from ordered query pairs, skipping null values. */
export function buildHref(base: string, pairs: [string, string | number | null][]): string {
  const query = pairs
    .filter((pair): pair is [string, string | number] => pair[1] !== null)
    .map(([key, value]) => `${key}=${encodeQueryValue(String(value))}`)
    .join('&');
  return query ? `${base}?${query}` : base;
}

/** Pages `all` at offset/limit, rendering only the page with `render`; `hrefAt(offset)` builds the links. */
export function paging<S, T>(
  all: readonly S[],
  offset: number,
  limit: number,
  hrefAt: (offset: number) => string,
  render: (item: S) => T,
): Paging<T> {
  const total = all.length;
  return {
    href: hrefAt(offset),
    limit,
    next: limit > 0 && offset + limit < total ? hrefAt(offset + limit) : null,
    offset,
    previous: offset > 0 ? hrefAt(Math.max(0, offset - Math.max(limit, 1))) : null,
    total,
    items: all.slice(offset, offset + limit).map(render),
  };
}
