/** Names of configuration keys that hold secrets. A key matches if it contains one of these words. */
const SECRET_WORDS = ['SECRET', 'TOKEN', 'PASSWORD', 'KEY'];

function isSecretKey(key: string): boolean {
  const upper = key.toUpperCase();
  return SECRET_WORDS.some((word) => upper.includes(word));
}

function stripUrlPassword(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) {
      url.password = '***';
      return url.toString();
    }
  } catch {
    // not a URL
  }
  return value;
}

/**
 * A copy of a parsed config that is safe to log: secret-looking keys become `[redacted]` (or `[unset]`),
 * and passwords inside URLs (REDIS_URL, DATABASE_URL) are masked.
 */
export function redactConfig<T extends Record<string, unknown>>(config: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (isSecretKey(key)) out[key] = value === undefined || value === '' ? '[unset]' : '[redacted]';
    else if (typeof value === 'string') out[key] = stripUrlPassword(value);
    else if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype) {
      out[key] = redactConfig(value as Record<string, unknown>); // nested settings (e.g. the api's `redis`)
    } else out[key] = value;
  }
  return out;
}
