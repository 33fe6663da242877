import { z } from 'zod';

/**
 * A whole number in a query string. Only plain digit strings become numbers; anything else (`abc`, `1.5`,
 * `1e3`, an array) reaches the number schema unchanged and fails it with a clear message.
 */
export function integerParam(min: number, max: number, fallback: number) {
  return z.preprocess(
    (value) => (typeof value === 'string' && /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : value),
    z
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(fallback),
  );
}

/** A single string value (a repeated parameter arrives as an array and is refused). */
export function textParam() {
  return z.string({ error: 'must be a single text value' });
}
