import { z } from 'zod';

const isoTime = z.string().meta({ description: 'ISO 8601 time' });
const ms = z.number().nullable();

const queueStatusSchema = z.object({
  queue: z.enum(['default', 'spotify', 'leaderboard']),
  app: z.string().meta({ description: 'The app that consumes the queue' }),
  workers: z.number().int().meta({ description: 'Workers connected now' }),
  expectedWorkers: z.object({ min: z.number().int(), max: z.number().int().optional() }),
  problem: z.enum(['no_worker', 'too_many_workers']).nullable(),
  counts: z.object({
    waiting: z.number().int().meta({ description: 'Waiting for a worker (prioritized jobs included)' }),
    active: z.number().int(),
    delayed: z.number().int(),
    failed: z.number().int(),
    completed: z.number().int(),
  }),
  waitSeconds: z
    .object({ p50: ms, p95: ms, count: z.number().int() })
    .meta({ description: 'Time jobs waited before a worker took them, estimated from the workers’ histogram (all time)' }),
});

/** The body of `GET /api/v1/status`. */
export const statusResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']).meta({ description: '`degraded` when any entry of `problems` is present' }),
  problems: z.array(z.string()).meta({ description: 'One line per problem, e.g. "worker-spotify: no worker listening on queue spotify"' }),
  generatedAt: isoTime,
  queues: z.array(queueStatusSchema),
  redis: z
    .object({
      usedMemoryBytes: z.number().int().meta({ description: '`used_memory` of INFO memory' }),
      maxmemoryBytes: z.number().int().nullable().meta({ description: '`maxmemory`; null when the server has no limit' }),
      usedRatio: z.number().nullable().meta({ description: 'usedMemoryBytes / maxmemoryBytes; null without a limit' }),
      memoryPressure: z.boolean().meta({ description: 'usedRatio ≥ 0.9: `problems` says what to do' }),
    })
    .meta({ description: 'The memory of the Redis the queues live in' }),
  spotify: z.object({
    budget: z.object({
      limit: z.number().int().nullable().meta({ description: 'SPOTIFY_BUDGET_PER_30S as published by worker-spotify; null until it has started' }),
      limitInForce: z.number().int().nullable().meta({ description: 'What the gate allows now: a lower limit learned from a 429 (SPOTIFY_ADAPTIVE_BUDGET), else `limit`' }),
      used: z.number().int().meta({ description: 'Upstream requests sent in the current rolling window' }),
      remaining: z.number().int().nullable(),
      windowMs: z.number().int(),
      concurrency: z.number().int().nullable(),
      publishedBy: z.string().nullable(),
    }),
    pause: z.object({ until: isoTime, remainingMs: z.number().int() }).nullable().meta({ description: 'A short Retry-After pause in force' }),
    cooldown: z
      .object({ until: isoTime, remainingS: z.number().int(), reason: z.string() })
      .nullable()
      .meta({ description: 'No Spotify calls until `until` (quota or a long Retry-After)' }),
    upstream429LastHour: z.number().int(),
    upstreamRequests: z.array(z.object({ endpoint: z.string(), status: z.string(), count: z.number().int() })).meta({
      description: 'Upstream answers by endpoint and status since the counters were created',
    }),
    cache: z.object({
      hits: z.number().int(),
      misses: z.number().int(),
      hitRatio: z.number().nullable(),
    }).meta({ description: 'Search cache of this api process since it started' }),
    callLatencyMs: z.object({ p50: ms, p95: ms, samples: z.number().int() }).meta({
      description: 'Enqueue-to-result time of the last (up to 500) successful Spotify calls of this api process',
    }),
  }),
});
export type StatusResponse = z.infer<typeof statusResponseSchema>;
