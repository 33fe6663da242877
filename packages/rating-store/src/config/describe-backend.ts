import type { RatingStoreConfig } from './rating-store-config.schema';

/** `scheme://host[:port]/path` of a URL, without user info, password or query. */
function safeUrl(raw: string, withUser: boolean): string {
  try {
    const url = new URL(raw);
    const user = withUser && url.username ? `${decodeURIComponent(url.username)}${url.password ? ':***' : ''}@` : '';
    const path = url.pathname === '/' ? '' : url.pathname;
    return `${url.protocol}//${user}${url.host}${path}`;
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * One line naming the back end and its target, safe to log: the service-role key is never
 * included, a database password shows as `***`, query strings are dropped.
 */
export function describeBackend(config: RatingStoreConfig): string {
  switch (config.backend) {
    case 'supabase':
      return `supabase ${safeUrl(config.supabaseUrl, false)}`;
    case 'postgres':
      return `postgres ${safeUrl(config.databaseUrl, true)}`;
  }
}
