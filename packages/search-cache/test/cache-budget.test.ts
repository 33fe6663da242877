import { useStarted } from '@albumboard/test-support';
import { DEFAULT_SEARCH_CACHE_MAX_MB, resolveCacheBudget } from '../src';
import { startPrivateRedis } from './support/private-redis';

describe('resolveCacheBudget', () => {
  const unbounded = useStarted(() => startPrivateRedis('budget-none'));
  const noeviction = useStarted(() => startPrivateRedis('budget-noeviction', ['--maxmemory', '8mb', '--maxmemory-policy', 'noeviction']));
  const lru = useStarted(() => startPrivateRedis('budget-lru', ['--maxmemory', '8mb', '--maxmemory-policy', 'allkeys-lru']));

  it('takes SEARCH_CACHE_MAX_MB (MiB) when set, even on a server that evicts by itself', async () => {
    expect(await resolveCacheBudget(lru.redis, 3)).toEqual({ kind: 'bounded', maxBytes: 3 * 1_048_576, why: 'SEARCH_CACHE_MAX_MB=3' });
  });

  it("takes a quarter of a noeviction server's maxmemory", async () => {
    expect(await resolveCacheBudget(noeviction.redis, undefined)).toMatchObject({ kind: 'bounded', maxBytes: 2 * 1_048_576 });
  });

  it('leaves eviction to a server with maxmemory and an evicting policy (allkeys-lru)', async () => {
    expect(await resolveCacheBudget(lru.redis, undefined)).toMatchObject({ kind: 'server-evicts', why: expect.stringContaining('allkeys-lru') });
  });

  it('falls back to the default budget when the server reports no maxmemory', async () => {
    expect(await resolveCacheBudget(unbounded.redis, undefined)).toMatchObject({ kind: 'bounded', maxBytes: DEFAULT_SEARCH_CACHE_MAX_MB * 1_048_576 });
  });
});
