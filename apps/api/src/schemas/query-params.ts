import { z } from 'zod';

/**
 * A whole number from `min` to `max` in a query string, `fallback` when absent. Only plain digit strings become numbers;
 * anything else (`-1`, `abc`, `1.5`, `1e3`, an array) reaches the number schema unchanged and fails it with one message
 * that says what is wanted.
 */
export function integerParam(min: number, max: number, fallback: number) {
  const wanted = `must be a whole number from ${min} to ${max}`;
  return z.preprocess(
    (value) => (typeof value === 'string' && /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : value),
    z.number({ error: wanted }).int(wanted).min(min, wanted).max(max, wanted).default(fallback),
  );
}

/** What is wrong with a parameter given twice (`a=1&a=2`) or in brackets (`a[]=1`). */
export const ONE_TEXT_VALUE = 'must be given once, as text';

/** A single string value: a missing one is "required", a repeated one (it arrives as an array) is refused. */
export function textParam() {
  return z.string({ error: (issue) => (issue.input === undefined ? 'is required' : ONE_TEXT_VALUE) });
}
