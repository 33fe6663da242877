import { CooldownStore, SpotifyCooldownError, SpotifyBusyError } from '@albumboard/spotify-client';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { PauseStore } from '../src/budget/pause-store';
import { RedisBudgetGate } from '../src/budget/redis-budget-gate';
import { deletePrefix, uniquePrefix, workerConnection } from '@albumboard/test-support';

describe('RedisBudgetGate (real Redis)', () => {
  const connections: Redis[] = [];
  let prefix: string;
  const connect = () => {
    const redis = workerConnection();
    connections.push(redis);
    return redis;
  };

  beforeEach(() => {
    prefix = uniquePrefix('gate');
  });
  afterEach(async () => {
    await deletePrefix(connections[0]!, prefix);
  });
  afterAll(async () => {
    await Promise.all(connections.map((redis) => redis.quit()));
  });

  it('grants exactly `budget` slots per window across many gates and connections', async () => {
    const gates = [0, 1, 2].map(() => new RedisBudgetGate({ redis: connect(), prefix, budget: 7, windowMs: 30_000 }));
    const deadline = Date.now() + 5_000; // far shorter than the window: the excess cannot wait its turn
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => gates[i % 3]!.acquire({ deadline })));
    const granted = outcomes.filter((o) => o.status === 'fulfilled').length;
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(granted).toBe(7);
    expect(refused).toHaveLength(23);
    for (const outcome of refused) expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(SpotifyBusyError);
    expect(await gates[0]!.used()).toBe(7);
    expect(await connections[0]!.zcard(`${prefix}:spotify:budget`)).toBe(7);
  });

  it('background calls take at most their share of the window while interactive jobs wait, all the spare when none do', async () => {
    const redis = connect();
    const gate = new RedisBudgetGate({ redis, prefix, budget: 10, windowMs: 30_000, backgroundShare: 0.2 });
    const queue = new Queue('spotify', { connection: redis, prefix });
    const waiting = await queue.add('spotify.call', { method: 'getArtist' }, { priority: 1 }); // an interactive job queued, no worker
    const burst = () =>
      Promise.allSettled(Array.from({ length: 12 }, () => gate.acquire({ priority: 10, deadline: Date.now() + 500 }))).then((all) => all.filter((o) => o.status === 'fulfilled').length);
    expect(await burst()).toBe(2); // 0.2 × 10 while the interactive job waits
    expect(await redis.zcard(`${prefix}:spotify:budget-background`)).toBe(2);
    await waiting.remove();
    expect(await burst()).toBe(8); // none waits: the rest of the window
    expect(await gate.used()).toBe(10);
    await queue.close();
  });

  it('an interactive call refused a slot registers as waiting (what background calls yield to) until it is granted', async () => {
    const redis = connect();
    const gate = new RedisBudgetGate({ redis, prefix, budget: 2, windowMs: 400, backgroundShare: 0.5 }); // test-sized window
    await gate.acquire({ priority: 10 });
    await gate.acquire({ priority: 10 }); // none waiting: background may take the whole window
    const interactive = gate.acquire({ priority: 1, deadline: Date.now() + 10_000 });
    while ((await redis.zcard(`${prefix}:spotify:interactive-waiting`)) === 0) await new Promise((r) => setTimeout(r, 5));
    await interactive;
    expect(await redis.zcard(`${prefix}:spotify:interactive-waiting`)).toBe(0);
  });

  it('an interactive caller waiting in another gate holds background calls to their share', async () => {
    const redis = connect();
    const gate = new RedisBudgetGate({ redis, prefix, budget: 10, windowMs: 30_000, backgroundShare: 0.3 });
    const [seconds] = await redis.time();
    await redis.zadd(`${prefix}:spotify:interactive-waiting`, (Number(seconds) + 60) * 1000, 'waiter-elsewhere');
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => gate.acquire({ priority: 10, deadline: Date.now() + 500 })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect(await gate.used()).toBe(3);
  });

  it('lets a waiting caller through once the oldest slot leaves the window', async () => {
    const redis = connect();
    const gate = new RedisBudgetGate({ redis, prefix, budget: 2, windowMs: 400 }); // test-sized window
    await gate.acquire();
    await gate.acquire();
    const [first] = await redis.zrange(`${prefix}:spotify:budget`, '0', '0', 'WITHSCORES').then((r) => [Number(r[1])]);
    await gate.acquire({ deadline: Date.now() + 10_000 }); // waits for a slot instead of failing
    const scores = (await redis.zrange(`${prefix}:spotify:budget`, '0', '-1', 'WITHSCORES')).filter((_, i) => i % 2 === 1).map(Number);
    expect(scores.length).toBeLessThanOrEqual(2);
    expect(Math.max(...scores)).toBeGreaterThanOrEqual(first! + 400); // the third slot was taken a full window after the first
  });

  it('refuses every request during a cool-down, with its reason and remaining time', async () => {
    const redis = connect();
    await new CooldownStore(redis, prefix).set(Date.now() + 3_600_000, 'QUOTA_EXCEEDED');
    const gate = new RedisBudgetGate({ redis, prefix, budget: 10, windowMs: 30_000 });
    const error = await gate.acquire({ deadline: Date.now() + 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyCooldownError);
    expect(error).toMatchObject({ code: 'cooldown', reason: 'QUOTA_EXCEEDED' });
    expect((error as SpotifyCooldownError).retryAfterMs).toBeGreaterThan(3_500_000);
    expect(await redis.exists(`${prefix}:spotify:budget`)).toBe(0); // no slot taken
  });

  it('waits out a Retry-After pause, and fails fast when the pause outlasts the deadline', async () => {
    const redis = connect();
    const pauses = new PauseStore(redis, prefix);
    const gate = new RedisBudgetGate({ redis, prefix, budget: 10, windowMs: 30_000 });
    const until = await pauses.extend(300);
    expect(await pauses.extend(100)).toBe(until); // a shorter pause never shortens the current one
    await gate.acquire({ deadline: Date.now() + 10_000 });
    const [seconds, micros] = await redis.time();
    expect(Number(seconds) * 1000 + Math.floor(Number(micros) / 1000)).toBeGreaterThanOrEqual(until);

    await pauses.extend(60_000);
    await expect(gate.acquire({ deadline: Date.now() + 1_000 })).rejects.toBeInstanceOf(SpotifyBusyError);
    expect(await redis.zcard(`${prefix}:spotify:budget`)).toBe(1);
  });

  it('leaves a free slot to a waiting interactive call with an earlier deadline; a waiter that is gone does not hold it', async () => {
    const redis = connect();
    const gate = new RedisBudgetGate({ redis, prefix, budget: 5, windowMs: 30_000 });
    const [seconds, micros] = await redis.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    const waiting = `${prefix}:spotify:interactive-waiting`;
    const order = `${prefix}:spotify:interactive-order`;
    const budgetKey = `${prefix}:spotify:budget`;
    // Another interactive call (priority 1), deadline in 20 s, waits in some gate and retries in 2 s (alive until then
    // + 1 s). Waiters are ordered by priority × 2^42 + deadline.
    await redis.zadd(waiting, now + 3_000, 'earlier');
    await redis.zadd(order, 2 ** 42 + now + 20_000, 'earlier');

    const later = gate.acquire({ deadline: Date.now() + 30_000 });
    let granted = false;
    void later.then(() => (granted = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(granted).toBe(false); // the slot is free, but it is the earlier call's
    expect(await redis.zcard(budgetKey)).toBe(0);

    // A call due before the waiter is served at once.
    await gate.acquire({ deadline: Date.now() + 10_000 });
    expect(await redis.zcard(budgetKey)).toBe(1);

    // The earlier call leaves (granted elsewhere, or gone): the later one gets its slot at its next try.
    await redis.zrem(waiting, 'earlier');
    await later;
    expect(await redis.zcard(budgetKey)).toBe(2);
    expect(await redis.zscore(order, 'earlier')).toBeNull(); // the stale entry was dropped on the way
  });

  it("refuses a wait after which Spotify's typical response could not come before the deadline", async () => {
    const redis = connect();
    const pauses = new PauseStore(redis, prefix);
    const slow = new RedisBudgetGate({ redis, prefix, budget: 10, windowMs: 30_000, latency: { typicalMs: () => 4_600 } });
    await pauses.extend(500);
    // 500 ms of pause + 4.6 s for the answer do not fit in 5 s: dropped at once, no slot taken.
    await expect(slow.acquire({ deadline: Date.now() + 5_000 })).rejects.toBeInstanceOf(SpotifyBusyError);
    expect(await redis.exists(`${prefix}:spotify:budget`)).toBe(0);
    // The same wait without a response time to allow for is worth waiting.
    const unaware = new RedisBudgetGate({ redis, prefix, budget: 10, windowMs: 30_000 });
    await unaware.acquire({ deadline: Date.now() + 5_000 });
    expect(await redis.zcard(`${prefix}:spotify:budget`)).toBe(1);
  });

  describe('adaptive limit (Spotify real limit below the budget)', () => {
    it('drops to 90 % of what was sent in the window after a 429, for every gate', async () => {
      const redis = connect();
      const gate = new RedisBudgetGate({ redis, prefix, budget: 20, windowMs: 60_000 });
      for (let i = 0; i < 10; i += 1) await gate.acquire();
      expect(await gate.lowerAfter429(60_000)).toBe(9);
      const other = new RedisBudgetGate({ redis: connect(), prefix, budget: 20, windowMs: 60_000 });
      expect(await other.currentLimit()).toBe(9);
      // 10 slots are in the window and the limit in force is 9: no more slot although the budget says 20.
      await expect(other.acquire({ deadline: Date.now() + 200 })).rejects.toBeInstanceOf(SpotifyBusyError);
      expect(await gate.used()).toBe(10);
    });

    it('never raises the limit on a later 429', async () => {
      const redis = connect();
      const gate = new RedisBudgetGate({ redis, prefix, budget: 20, windowMs: 60_000 });
      for (let i = 0; i < 12; i += 1) await gate.acquire();
      expect(await gate.lowerAfter429(60_000)).toBe(10);
      await redis.zremrangebyrank(`${prefix}:spotify:budget`, 0, 5); // 6 left in the window
      expect(await gate.lowerAfter429(60_000)).toBe(5); // 6 × 0.9
      await redis.zadd(`${prefix}:spotify:budget`, Date.now(), 'a', Date.now(), 'b', Date.now(), 'c'); // 9 in the window
      expect(await gate.lowerAfter429(60_000)).toBe(5); // 9 × 0.9 = 8 is above the 5 in force: unchanged
    });

    it('learns nothing from a 429 while under a quarter of the budget was sent', async () => {
      const redis = connect();
      const gate = new RedisBudgetGate({ redis, prefix, budget: 20, windowMs: 60_000 });
      for (let i = 0; i < 4; i += 1) await gate.acquire();
      expect(await gate.lowerAfter429(60_000)).toBeNull();
      expect(await gate.currentLimit()).toBe(20);
    });

    it('probes back up one step per window without a 429, and forgets itself at the budget', async () => {
      const redis = connect();
      const gate = new RedisBudgetGate({ redis, prefix, budget: 4, windowMs: 300 }); // step = 1 slot, test-sized window
      for (let i = 0; i < 3; i += 1) await gate.acquire();
      expect(await gate.lowerAfter429(0)).toBe(2); // 3 × 0.9
      await new Promise((r) => setTimeout(r, 350));
      await gate.acquire(); // past probeAt: the limit grows to 3
      expect(await gate.currentLimit()).toBe(3);
      await new Promise((r) => setTimeout(r, 350));
      await gate.acquire(); // grows to 4 = the budget: the adaptive record is dropped
      expect(await redis.exists(`${prefix}:spotify:adaptive`)).toBe(0);
      expect(await gate.currentLimit()).toBe(4);
    });

    it('does nothing when adaptation is off', async () => {
      const redis = connect();
      const gate = new RedisBudgetGate({ redis, prefix, budget: 20, windowMs: 60_000, adaptive: false });
      await gate.acquire();
      expect(await gate.lowerAfter429(1000)).toBeNull();
      expect(await gate.currentLimit()).toBe(20);
    });
  });
});
