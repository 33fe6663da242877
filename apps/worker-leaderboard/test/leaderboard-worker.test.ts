import { randomUUID } from 'node:crypto';
import { createPostgresRatingStore, type LeaderboardBoard, type LeaderboardWindow, type RatingStore } from '@albumboard/rating-store';
import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { createLeaderboardWorker, type LeaderboardWorker } from '../src/app';
import { enqueueLeaderboardRecompute } from '../src/leaderboard-producer';
import { captureLogger, createTestDatabase, deletePrefix, uniquePrefix, waitUntil, workerConnection } from '@albumboard/test-support';
import { isDrained, pendingOnDemandJobs } from './on-demand-jobs';

const albumId = (i: number) => `LbAlbum${String(i).padStart(15, '0')}`;
const HOUR = 3_600_000;

/** The real store, with a latch that can hold a recompute AFTER it read the ratings (a slow job whose snapshot is old). */
class LatchedStore {
  readonly boards: LeaderboardBoard[] = [];
  private latch: Promise<void> | undefined;
  private openLatch: () => void = () => undefined;

  constructor(private readonly store: RatingStore) {}

  hold(): void {
    this.latch = new Promise((resolve) => (this.openLatch = resolve));
  }

  release(): void {
    this.latch = undefined;
    this.openLatch();
  }

  async recomputeLeaderboard(window: LeaderboardWindow): Promise<LeaderboardBoard> {
    const board = await this.store.recomputeLeaderboard(window);
    this.boards.push(board);
    if (this.latch) await this.latch;
    return board;
  }
}

describe('worker-leaderboard (real Redis, real PostgreSQL)', () => {
  let database: { url: string; drop(): Promise<void> };
  let store: RatingStore;
  let admin: Redis;
  let connection: Redis;
  let prefix: string;
  let queue: Queue;
  let running: LeaderboardWorker | undefined;
  let latched: LatchedStore;
  let completed: Job[];

  beforeAll(async () => {
    database = await createTestDatabase('lb');
    store = await createPostgresRatingStore({ databaseUrl: database.url, poolMax: 4 });
    await store.upsertAlbums(Array.from({ length: 3 }, (_, i) => ({ id: albumId(i), name: `Album ${i}`, artists: [] })));
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  beforeEach(() => {
    prefix = uniquePrefix('lb');
    admin = workerConnection();
    connection = workerConnection();
    queue = new Queue('leaderboard', { connection: admin, prefix });
    latched = new LatchedStore(store);
    completed = [];
  });

  afterEach(async () => {
    latched.release();
    await running?.close();
    running = undefined;
    await queue.close();
    await deletePrefix(admin, prefix);
    await Promise.all([admin.quit(), connection.quit()]);
  });

  async function startWorker(everyMs = HOUR, logger = captureLogger('worker-leaderboard-test', 'info').logger): Promise<LeaderboardWorker> {
    running = await createLeaderboardWorker({ config: { queuePrefix: prefix, recomputeEveryMs: everyMs }, connection, logger, ratingStore: latched });
    running.worker.on('completed', (job) => completed.push(job));
    await running.worker.waitUntilReady();
    return running;
  }

  const onDemand = () => completed.filter((job) => !String(job.id).startsWith('repeat:'));
  const scheduled = () => completed.filter((job) => String(job.id).startsWith('repeat:'));

  it('registers one scheduler per window at start-up (idempotently) and runs it', async () => {
    await startWorker(HOUR);
    await running!.close();
    running = undefined;
    await startWorker(90_000); // a second process, or a restart with a new period: updated, not duplicated
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => ({ key: s.key, every: Number(s.every), name: s.name, data: s.template?.data })).sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'leaderboard.recompute:all', every: 90_000, name: 'leaderboard.recompute', data: { window: 'all' } },
      { key: 'leaderboard.recompute:week', every: 90_000, name: 'leaderboard.recompute', data: { window: 'week' } },
    ]);
    // An `every` scheduler runs its first job at once: both windows get a board, computed by the worker.
    const windows = () => new Set(scheduled().map((job) => (job.returnvalue as { window: string }).window));
    await waitUntil('the scheduled recomputes', () => windows().size === 2);
    expect([...windows()].sort()).toEqual(['all', 'week']);
    expect((await store.getLeaderboard('week')).boardVersion).toBeGreaterThan(0);
  });

  it('a burst of enqueues while a recompute is pending costs one recompute, which includes the last rating', async () => {
    const user = randomUUID();
    const jobIds = new Set<string>();
    for (let i = 0; i < 30; i += 1) {
      await store.submitRating(randomUUID(), albumId(0), 1 + (i % 10));
      jobIds.add((await enqueueLeaderboardRecompute(queue, 'all', { debounceMs: 100 })).id!);
    }
    await store.submitRating(user, albumId(1), 10); // the last rating of the burst
    jobIds.add((await enqueueLeaderboardRecompute(queue, 'all', { debounceMs: 100 })).id!);
    expect(jobIds.size).toBe(1);

    await startWorker();
    await waitUntil('the recomputes', async () => onDemand().length === 1 && scheduled().length === 2 && (await isDrained(queue)));
    const board = await store.getLeaderboard('all');
    expect(board.computedAt!.getTime()).toBeGreaterThanOrEqual(new Date(onDemand()[0].returnvalue.computedAt).getTime());
    expect(board.entries.find((e) => e.album.id === albumId(1))?.ratingCount).toBe(1);
    expect(board.entries.find((e) => e.album.id === albumId(0))?.ratingCount).toBe(30);
  });

  it('triggers arriving while a recompute runs are folded into exactly one follow-up, never dropped', async () => {
    await startWorker();
    await waitUntil('the start-up recomputes', () => scheduled().length === 2);
    latched.hold();
    await enqueueLeaderboardRecompute(queue, 'all', { debounceMs: 50 });
    await waitUntil('the on-demand recompute to read the ratings', () => latched.boards.length === 3);
    const followers = Array.from({ length: 20 }, () => randomUUID());
    for (const user of followers) {
      await store.submitRating(user, albumId(2), 10);
      await enqueueLeaderboardRecompute(queue, 'all', { debounceMs: 50 });
    }
    // Only the running job exists: the 20 triggers wait as ONE stored follow-up, not as jobs.
    expect(await pendingOnDemandJobs(queue)).toHaveLength(1);
    latched.release();

    await waitUntil('the follow-up recompute', async () => onDemand().length === 2 && (await isDrained(queue)));
    expect(onDemand()).toHaveLength(2); // the running one + one follow-up for 20 triggers
    const stale = latched.boards[2];
    const final = await store.getLeaderboard('all');
    expect(final.boardVersion).toBeGreaterThan(stale.version);
    expect(final.entries.find((e) => e.album.id === albumId(2))?.ratingCount).toBe(20);
  });

  it('never executes a job whose payload breaks the contract', async () => {
    const { logger, lines } = captureLogger('worker-leaderboard-test', 'info');
    await startWorker(HOUR, logger);
    await waitUntil('the start-up recomputes', () => scheduled().length === 2);
    const before = latched.boards.length;
    const bad = await queue.add('leaderboard.recompute', { window: 'month' }, { attempts: 3 });
    const unknown = await queue.add('leaderboard.rebuild-everything', { window: 'all' }, { attempts: 3 });
    for (const job of [bad, unknown]) {
      await waitUntil(`job ${job.name} to fail`, async () => (await queue.getJobState(job.id!)) === 'failed');
      const final = await queue.getJob(job.id!);
      expect(final!.attemptsMade).toBe(1); // failed at once: not retried despite attempts: 3
    }
    expect((await queue.getJob(bad.id!))!.failedReason).toMatch(/^Invalid payload for leaderboard.recompute: window/);
    expect(latched.boards.length).toBe(before);
    expect(lines.some((line) => line.msg === 'Refusing a job whose payload fails its contract')).toBe(true);
  });
});
