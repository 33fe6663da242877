/**
 * The names of albumboard's BullMQ queues.
 *
 * WARNING: these values are stored in Redis keys. Changing one after a release strands every job
 * already queued under the old name. Add new names; never rename.
 */
export const QueueName = {
  Default: 'default',
  Spotify: 'spotify',
  Leaderboard: 'leaderboard',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const ALL_QUEUES: readonly QueueName[] = [QueueName.Default, QueueName.Spotify, QueueName.Leaderboard];

/** True when `value` names one of albumboard's queues. */
export function isQueueName(value: string): value is QueueName {
  return (ALL_QUEUES as readonly string[]).includes(value);
}
