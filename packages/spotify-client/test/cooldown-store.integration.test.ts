import { CooldownStore, spotifyKeys } from '../src';
import { usePrefixedRedis } from '@albumboard/test-support';
import { producerConnection, ready } from './support/redis';

const db = usePrefixedRedis('cooldown', () => ready(producerConnection()));

describe('spotifyKeys', () => {
  it('puts every key under the prefix (one hash slot with {albumboard})', () => {
    const { clientTurns, ...keys } = spotifyKeys('{albumboard}');
    expect(clientTurns('10.0.0.1')).toBe('{albumboard}:spotify:client-turns:10.0.0.1');
    expect(keys).toEqual({
      budget: '{albumboard}:spotify:budget',
      pauseUntil: '{albumboard}:spotify:pause-until',
      cooldown: '{albumboard}:spotify:cooldown',
      adaptive: '{albumboard}:spotify:adaptive',
      backgroundBudget: '{albumboard}:spotify:budget-background',
      interactiveWaiting: '{albumboard}:spotify:interactive-waiting',
      interactiveOrder: '{albumboard}:spotify:interactive-order',
      upstreamLatency: '{albumboard}:spotify:upstream-latency',
      clients: '{albumboard}:spotify:clients',
    });
  });
});

describe('CooldownStore', () => {
  it('stores JSON {until, reason, setAt} with a PX expiry ending at `until`', async () => {
    const store = new CooldownStore(db.redis, db.prefix);
    const until = Date.now() + 60_000;
    await store.set(until, 'QUOTA_EXCEEDED');
    const key = spotifyKeys(db.prefix).cooldown;
    const stored = JSON.parse((await db.redis.get(key))!);
    expect(stored).toEqual({ until, reason: 'QUOTA_EXCEEDED', setAt: expect.any(Number) });
    const pttl = await db.redis.pttl(key);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(60_000);
    expect(await store.get()).toEqual(stored);
  });

  it('get() is null when absent, expired or malformed', async () => {
    const store = new CooldownStore(db.redis, db.prefix);
    const key = spotifyKeys(db.prefix).cooldown;
    expect(await store.get()).toBeNull();
    await db.redis.set(key, 'not json');
    expect(await store.get()).toBeNull();
    await db.redis.set(key, JSON.stringify({ until: 'later', reason: 'x', setAt: 1 }));
    expect(await store.get()).toBeNull();
    await db.redis.set(key, JSON.stringify({ until: Date.now() - 1, reason: 'RETRY_AFTER_TOO_LONG', setAt: 1 }));
    expect(await store.get()).toBeNull();
  });

  it('a time already past clears the cool-down; clear() removes it', async () => {
    const store = new CooldownStore(db.redis, db.prefix);
    await store.set(Date.now() + 60_000, 'RETRY_AFTER_TOO_LONG');
    await store.set(Date.now() - 1000, 'RETRY_AFTER_TOO_LONG');
    expect(await db.redis.exists(spotifyKeys(db.prefix).cooldown)).toBe(0);
    await store.set(Date.now() + 60_000, 'QUOTA_EXCEEDED');
    await store.clear();
    expect(await store.get()).toBeNull();
  });
});
