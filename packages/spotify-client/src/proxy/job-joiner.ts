import type { Queue } from 'bullmq';
import type { RedisConnection } from '@albumboard/redis-connection';

/**
 * Raises a queued `spotify.call` job's deadline (and its payload's priority) to a joining caller's, in place.
 *   KEYS[1] the job's hash   ARGV[1] the joiner's deadline (epoch ms)   ARGV[2] the joiner's priority
 * The payload is JSON written by the producer: its top-level `"deadline":<n>` and `"priority":<n>` are the first
 * matches (argument strings are escaped, so they cannot match). Returns {deadline raised 0/1, BullMQ priority}, or
 * {-1, 0} when the job is gone.
 */
const JOIN_LUA = `
local data = redis.call('HGET', KEYS[1], 'data')
if not data then return {-1, 0} end
local raised = 0
local deadline = tonumber(string.match(data, '"deadline":(%d+)'))
if deadline and tonumber(ARGV[1]) > deadline then
  data = string.gsub(data, '"deadline":%d+', '"deadline":' .. ARGV[1], 1)
  raised = 1
end
local priority = tonumber(string.match(data, '"priority":(%d+)'))
if priority and tonumber(ARGV[2]) < priority then
  data = string.gsub(data, '"priority":%d+', '"priority":' .. ARGV[2], 1)
end
redis.call('HSET', KEYS[1], 'data', data)
return {raised, tonumber(redis.call('HGET', KEYS[1], 'priority')) or 0}
`;

export interface JoinOutcome {
  /** The job's deadline now covers the joiner's. */
  extended: boolean;
  /** The job was moved up to the joiner's priority (BullMQ `changePriority`). */
  promoted: boolean;
}

/**
 * A caller joining an identical job in flight keeps its own deadline and priority: a later deadline extends the job's
 * (the worker reads the deadline from the job as it starts), a higher priority (lower number) promotes it.
 */
export class JobJoiner {
  constructor(
    private readonly redis: RedisConnection,
    private readonly queue: Queue,
  ) {}

  async join(jobId: string, deadline: number, priority: number): Promise<JoinOutcome> {
    const [raised, current] = (await this.redis.eval(JOIN_LUA, 1, this.queue.toKey(jobId), Math.ceil(deadline), priority)) as [number, number];
    if (raised < 0) return { extended: false, promoted: false };
    let promoted = false;
    if (priority < current) {
      const job = await this.queue.getJob(jobId);
      if (job) {
        await job.changePriority({ priority });
        promoted = true;
      }
    }
    return { extended: raised === 1, promoted };
  }
}
