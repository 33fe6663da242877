import { QueueName } from './queue-names';

/**
 * How many entries BullMQ keeps in each queue's events stream (`<prefix>:<queue>:events`, its `streams.events.maxLen`;
 * BullMQ's default is 10,000). Every Queue handle on a queue must pass the same value ({@link queueOptionsFor}): the
 * last one created writes it into the queue's meta hash, and BullMQ's scripts trim the stream to it (approximately:
 * Redis trims whole stream nodes, so between maxLen and maxLen + 100 entries stay).
 *
 * - `spotify`: read live by the result waiters — one QueueEvents XREAD listener per process
 *   (spotify-client's job-result-waiters), which reads every entry after the last it saw. A listener misses a result
 *   only if more than maxLen entries are written between two of its reads. A job writes about 4–5 entries (added,
 *   waiting, active, completed, drained); worker-spotify finishes at most about SPOTIFY_BUDGET_PER_30S / 30 jobs a second
 *   (admission refuses what the budget cannot fit), so at the default budget (150 per 30 s) 1,000 entries are ~40 s of
 *   traffic — four times the api's default call timeout (a result read later than its caller's deadline is useless) and
 *   far more than a listener lags (its reads follow each other within milliseconds; a reconnect resumes from the last
 *   id). A `completed` entry carries the job's result (about 2.3 KB for a search), so the stream holds at most ~0.5 MB.
 * - `default`, `leaderboard`: nobody reads their events (the api's pings poll the job's state), so a few entries do.
 */
export const QUEUE_EVENTS_MAX_LEN: Readonly<Record<QueueName, number>> = {
  [QueueName.Spotify]: 1000,
  [QueueName.Default]: 100,
  [QueueName.Leaderboard]: 100,
};

/** The options every BullMQ `Queue` handle on `queue` is created with (spread into its QueueOptions). */
export function queueOptionsFor(queue: QueueName): { streams: { events: { maxLen: number } } } {
  return { streams: { events: { maxLen: QUEUE_EVENTS_MAX_LEN[queue] } } };
}
