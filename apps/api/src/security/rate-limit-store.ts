import { createHash } from 'node:crypto';
import { isCluster, type RedisConnection, withTimeout } from '@albumboard/redis-connection';
import { RedisStore } from 'rate-limit-redis';

/** Longest wait for one Redis command of the limiter; after it the request passes unlimited (never a 500 or a hang). */
export const RATE_LIMIT_REDIS_TIMEOUT_MS = 500;

type RedisReply = boolean | number | string | Array<boolean | number | string>;

/**
 * A rate-limit-redis store on the API's fail-fast connection, keyed `<prefix>:rate-limit:<scope>:<client>`.
 *
 * rate-limit-redis loads its Lua scripts once (`SCRIPT LOAD`) and caches the promise: if Redis were down at that moment
 * the limiter would stay broken after Redis came back. Here `SCRIPT LOAD` answers the script's SHA-1 (computed locally,
 * as Redis would) even when Redis does not answer; the first `EVALSHA` then meets NOSCRIPT, and the store loads the
 * script again by itself — which is also what happens after a Redis restart flushed the scripts. Every command is
 * bounded by `timeoutMs`, so a Redis that hangs costs a request at most that long. Keys start with QUEUE_PREFIX: on a
 * Cluster (hash-tag prefix) they live in its slot.
 */
export function createRateLimitStore(redis: RedisConnection, keyPrefix: string, timeoutMs = RATE_LIMIT_REDIS_TIMEOUT_MS): RedisStore {
  const send = async (command: string, ...args: string[]): Promise<RedisReply> => sendTo(redis, command, ...args);
  const sendTo = async (target: RedisConnection, command: string, ...args: string[]): Promise<RedisReply> => {
    const reply = target.call(command, ...args) as Promise<RedisReply>;
    return withTimeout(reply, timeoutMs, `rate limit store: Redis did not answer ${command} within ${timeoutMs} ms`);
  };
  return new RedisStore({
    prefix: keyPrefix,
    sendCommand: async (command: string, ...args: string[]) => {
      if (command.toUpperCase() === 'SCRIPT' && args[0]?.toUpperCase() === 'LOAD' && args[1] !== undefined) {
        const sha = createHash('sha1').update(args[1]).digest('hex');
        // On a Cluster a keyless SCRIPT LOAD reaches one random node; EVALSHA runs on the key's master: load it on every master.
        const targets: RedisConnection[] = isCluster(redis) ? redis.nodes('master') : [redis];
        await Promise.all(targets.map((target) => sendTo(target, command, ...args).catch(() => undefined)));
        return sha;
      }
      return send(command, ...args);
    },
  });
}
