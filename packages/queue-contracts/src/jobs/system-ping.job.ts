import { z } from 'zod';

/** A round-trip probe any worker answers without side effects (used by `pnpm check` and readiness checks). */
export const systemPingPayloadSchema = z.strictObject({ sentAt: z.number().int().positive(), requestId: z.string().max(128).optional() });
export const systemPingResultSchema = z.object({ pong: z.literal(true), queue: z.string(), worker: z.string(), receivedAt: z.number() });
export type SystemPingPayload = z.infer<typeof systemPingPayloadSchema>;
export type SystemPingResult = z.infer<typeof systemPingResultSchema>;
