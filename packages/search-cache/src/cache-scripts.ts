import type { RedisConnection } from '@albumboard/redis-connection';
import { LRU_SCORE_UNIT } from './search-cache-keys';

/**
 * The search cache's Lua scripts (key layout in `search-cache-keys.ts`). Each is one `EVALSHA` for the client (ioredis
 * sends the script itself the first time on a connection). Cluster: their keys share P, so one slot when P is a hash tag.
 */
const UNIT = String(LRU_SCORE_UNIT);

/**
 * A hit: GET, and the entry's recency raised to now if it was last raised `ARGV[3]` seconds ago or more (so a hot entry
 * costs one write a minute, not one per hit). Raising it is a write: under OOM it fails and the hit is still answered.
 *   KEYS[1] entry   KEYS[2] lru   ARGV[1] id   ARGV[2] now (epoch s)   ARGV[3] seconds between raises
 * Returns the entry, or nil.
 */
export const READ_LUA = `
local value = redis.call('GET', KEYS[1])
if not value then return false end
local score = redis.call('ZSCORE', KEYS[2], ARGV[1])
if score then
  score = tonumber(score)
  local bytes = score % ${UNIT}
  local now = tonumber(ARGV[2])
  if now - (score - bytes) / ${UNIT} >= tonumber(ARGV[3]) then
    redis.pcall('ZADD', KEYS[2], 'XX', string.format('%.0f', now * ${UNIT} + bytes), ARGV[1])
  end
end
return value
`;

/**
 * Deletes the member `id` (scored `score`) and its entry, returning the bytes counted for it. DEL and ZREM are allowed
 * under OOM.
 */
const DROP_LUA = `
local function drop(lru, entryPrefix, id, score)
  redis.call('ZREM', lru, id)
  redis.call('DEL', entryPrefix .. id)
  return tonumber(score) % ${UNIT}
end
`;

/**
 * A write: SET the entry for its lifetime, count it (replacing what its previous version counted), then drop members
 * last used more than a lifetime ago (their entries have expired: fetched no later than last used; at most 100 per
 * write) and the least recently used until the count fits the budget — never the entry just written.
 * The SET comes first: under OOM it fails and nothing has changed.
 *   KEYS[1] entry   KEYS[2] lru   KEYS[3] bytes
 *   ARGV[1] the entry   ARGV[2] lifetime (s)   ARGV[3] id   ARGV[4] now (epoch s)   ARGV[5] budget (bytes)
 *   ARGV[6] bytes counted for the entry   ARGV[7] entry key prefix
 * Returns {bytes counted, entries dropped}.
 */
export const WRITE_LUA = `${DROP_LUA}
local lifetime = tonumber(ARGV[2])
local now = tonumber(ARGV[4])
local size = tonumber(ARGV[6])
local previous = redis.call('ZSCORE', KEYS[2], ARGV[3])
redis.call('SET', KEYS[1], ARGV[1], 'EX', lifetime)
redis.call('ZADD', KEYS[2], string.format('%.0f', now * ${UNIT} + size), ARGV[3])
local total = redis.call('INCRBY', KEYS[3], size - (previous and tonumber(previous) % ${UNIT} or 0))
redis.call('EXPIRE', KEYS[2], lifetime)
redis.call('EXPIRE', KEYS[3], lifetime)
local freed, dropped = 0, 0
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. string.format('%.0f', (now - lifetime) * ${UNIT}), 'WITHSCORES', 'LIMIT', 0, 100)
for i = 1, #expired, 2 do
  freed = freed + drop(KEYS[2], ARGV[7], expired[i], expired[i + 1])
  dropped = dropped + 1
end
local budget = tonumber(ARGV[5])
while total - freed > budget do
  local tail = redis.call('ZRANGE', KEYS[2], 0, 1, 'WITHSCORES')
  local at = 1
  if tail[1] == ARGV[3] then at = 3 end
  if not tail[at] then break end
  freed = freed + drop(KEYS[2], ARGV[7], tail[at], tail[at + 1])
  dropped = dropped + 1
end
if freed > 0 then total = redis.call('DECRBY', KEYS[3], freed) end
return {total, dropped}
`;

/**
 * Gives space back: deletes the least recently used entries until `ARGV[1]` bytes (as counted) are freed — `-1`: all
 * of them; `half`: half of the count, at least one entry. Works under OOM: ZPOPMIN and DEL are allowed there, and once
 * a script has written Redis lets it finish, so the DECRBY after them goes through.
 *   KEYS[1] lru   KEYS[2] bytes   ARGV[1] bytes to free | -1 | half   ARGV[2] entry key prefix
 * Returns {bytes freed, entries deleted}.
 */
export const SHED_LUA = `
local want = tonumber(ARGV[1])
if ARGV[1] == 'half' then want = math.max(1, math.floor((tonumber(redis.call('GET', KEYS[2])) or 0) / 2)) end
local freed, dropped = 0, 0
while want < 0 or freed < want do
  local popped = redis.call('ZPOPMIN', KEYS[1])
  if #popped == 0 then break end
  redis.call('DEL', ARGV[2] .. popped[1])
  freed = freed + tonumber(popped[2]) % ${UNIT}
  dropped = dropped + 1
end
if dropped > 0 then
  local left = redis.call('DECRBY', KEYS[2], freed)
  if left <= 0 or redis.call('EXISTS', KEYS[1]) == 0 then redis.call('DEL', KEYS[2]) end
end
return {freed, dropped}
`;

/** The scripts as ioredis commands (EVALSHA, the script itself once per connection); `…Buffer` answers bytes. */
export interface SearchCacheCommands {
  searchCacheReadBuffer(entry: string, lru: string, id: string, nowS: number, touchEveryS: number): Promise<Buffer | null>;
  searchCacheWrite(
    entry: string,
    lru: string,
    bytes: string,
    value: Buffer,
    lifetimeS: number,
    id: string,
    nowS: number,
    budgetBytes: number,
    countedBytes: number,
    entryPrefix: string,
  ): Promise<[number, number]>;
  searchCacheShed(lru: string, bytes: string, want: string, entryPrefix: string): Promise<[number, number]>;
}

/** `connection` with the cache's commands defined (once per connection). */
export function withSearchCacheCommands(connection: RedisConnection): RedisConnection & SearchCacheCommands {
  const redis = connection as RedisConnection & Partial<SearchCacheCommands>;
  if (!redis.searchCacheReadBuffer) {
    connection.defineCommand('searchCacheRead', { numberOfKeys: 2, lua: READ_LUA });
    connection.defineCommand('searchCacheWrite', { numberOfKeys: 3, lua: WRITE_LUA });
    connection.defineCommand('searchCacheShed', { numberOfKeys: 2, lua: SHED_LUA });
  }
  return redis as RedisConnection & SearchCacheCommands;
}
