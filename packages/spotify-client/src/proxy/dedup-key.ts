import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level (undefined values dropped, as JSON.stringify does). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** The deduplication id of a call: sha1 of the method name and the canonical JSON of its parsed arguments. */
export function spotifyCallDedupKey(method: string, parsedArgs: unknown): string {
  return createHash('sha1').update(`${method}\n${canonicalJson(parsedArgs)}`).digest('hex');
}
