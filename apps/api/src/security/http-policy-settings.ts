import { z } from 'zod';

/**
 * Express's `trust proxy` setting, from TRUST_PROXY: `false` (default: the client is the TCP peer), `true` (trust every
 * proxy: only behind one that overwrites X-Forwarded-For), a number of hops, or a comma list of addresses, subnets or
 * the names `loopback`, `linklocal`, `uniquelocal`. It decides `req.ip`, the key of the per-client rate limits.
 */
export type TrustProxySetting = boolean | number | string[];

const PROXY_ENTRY = /^(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(\/\d{1,3})?)$/;

export const trustProxySetting = z
  .string()
  .trim()
  .transform((value, ctx): TrustProxySetting => {
    const lower = value.toLowerCase();
    if (lower === 'false' || lower === '0' || lower === 'no') return false;
    if (lower === 'true' || lower === 'yes') return true;
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
    const bad = entries.find((entry) => !PROXY_ENTRY.test(entry));
    if (entries.length === 0 || bad !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be true, false, a hop count, or a comma list of addresses, subnets, loopback, linklocal, uniquelocal' });
      return z.NEVER;
    }
    return entries;
  });

/**
 * CORS_ORIGINS: a comma list of browser origins allowed to call the API (`https://app.example.com`). Each must be an
 * exact http(s) origin (no path, no wildcard). Empty: no CORS headers at all, so browsers allow same-origin calls only.
 */
export const corsOriginsSetting = z
  .string()
  .trim()
  .transform((value, ctx): string[] => {
    const origins = value.split(',').map((entry) => entry.trim()).filter(Boolean);
    for (const origin of origins) {
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin.replace(/\/$/, '')) {
        ctx.addIssue({ code: 'custom', message: 'must be a comma list of origins like https://app.example.com (scheme, host, optional port; no path)' });
        return z.NEVER;
      }
    }
    return origins.map((origin) => new URL(origin).origin);
  });
