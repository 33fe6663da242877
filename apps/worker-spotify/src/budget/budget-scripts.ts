/**
 * The Lua scripts behind the budget gate. Each runs atomically in Redis and reads Redis `TIME`, so every
 * worker process shares one clock and one view of the window, whatever its own clock says.
 */

/** Result codes of ACQUIRE_SLOT_LUA. */
export const AcquireStatus = { Granted: 0, BudgetFull: 1, Paused: 2, Cooldown: 3 } as const;

/**
 * Takes one upstream request slot, or says why not.
 *   KEYS[1] P:spotify:cooldown   KEYS[2] P:spotify:pause-until   KEYS[3] P:spotify:budget
 *   ARGV[1] budget (slots per window)   ARGV[2] window ms   ARGV[3] unique slot member
 * Returns {0, 0} granted | {1, ms until the oldest slot leaves the window} | {2, ms until the pause ends}
 *       | {3, ms until the cool-down ends, cool-down JSON}.
 */
export const ACQUIRE_SLOT_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cooldown = redis.call('GET', KEYS[1])
if cooldown then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl > 0 then return {3, ttl, cooldown} end
end
local pauseUntil = tonumber(redis.call('GET', KEYS[2]) or '0') or 0
if pauseUntil > now then return {2, pauseUntil - now} end
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - window)
if redis.call('ZCARD', KEYS[3]) < limit then
  redis.call('ZADD', KEYS[3], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[3], window)
  return {0, 0}
end
local oldest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
local wait = tonumber(oldest[2]) + window - now
if wait < 1 then wait = 1 end
return {1, wait}
`;

/**
 * Extends the deployment-wide pause to now + ARGV[1] ms unless it already lasts longer.
 *   KEYS[1] P:spotify:pause-until   ARGV[1] pause length in ms
 * Returns the pause's end (epoch ms, Redis clock).
 */
export const EXTEND_PAUSE_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ms = tonumber(ARGV[1])
local untilMs = now + ms
local current = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
if untilMs > current then
  redis.call('SET', KEYS[1], tostring(untilMs), 'PX', ms)
  return untilMs
end
return current
`;
