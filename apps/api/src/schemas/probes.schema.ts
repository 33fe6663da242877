import { z } from 'zod';

/** The body of `GET /healthz` (liveness: the process answers). */
export const healthResponseSchema = z.object({ status: z.literal('ok') });
export type HealthResponse = z.infer<typeof healthResponseSchema>;

const checkOutcomeSchema = z.object({
  check: z.string().meta({ description: 'redis, redis-memory, database, or workers:<queue>' }),
  ok: z.boolean(),
  reason: z.string().optional().meta({ description: 'Why the check failed, e.g. "no worker listening on queue spotify (worker-spotify)"' }),
  degradesOnly: z.boolean().optional().meta({ description: 'Present (true) on a failed check that leaves the api ready but degraded' }),
});

/** The body of `GET /readyz`: 200 `ready` (or `degraded`, with the checks that degrade it), or 503 `not_ready` with the failed checks. */
export const readinessResponseSchema = z.object({
  status: z.enum(['ready', 'degraded', 'not_ready']),
  checks: z.array(checkOutcomeSchema),
  failed: z.array(z.object({ check: z.string(), reason: z.string() })).optional().meta({ description: 'Present when not ready' }),
  degraded: z
    .array(z.object({ check: z.string(), reason: z.string() }))
    .optional()
    .meta({ description: 'Present when ready but degraded, e.g. redis-memory: "Redis memory at 93 % of maxmemory (…): raise maxmemory, …"' }),
});
export type ReadinessResponse = z.infer<typeof readinessResponseSchema>;
