/**
 * A JSON value read back from Redis (a cache entry, a cool-down record, published settings), or `undefined` when it is
 * absent or not JSON: stored data may be from another version or corrupted, and a reader must never throw on it.
 */
export function parseStoredJson(raw: string | null | undefined): unknown {
  if (raw === null || raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
