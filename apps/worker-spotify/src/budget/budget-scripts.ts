/**
 * The Lua scripts behind the budget gate. Each runs atomically in Redis and reads Redis `TIME`, so every
 * worker process shares one clock and one view of the window, whatever its own clock says.
 */

import { NOW_AND_COOLDOWN_LUA } from '@albumboard/spotify-client';

/** Result codes of ACQUIRE_SLOT_LUA. */
export const AcquireStatus = { Granted: 0, BudgetFull: 1, Paused: 2, Cooldown: 3 } as const;

/**
 * Takes one upstream request slot, or says why not.
 *   KEYS[1] P:spotify:cooldown   KEYS[2] P:spotify:pause-until   KEYS[3] P:spotify:budget   KEYS[4] P:spotify:adaptive
 *   ARGV[1] budget (slots per window)   ARGV[2] window ms   ARGV[3] unique slot member
 *   KEYS[5] P:spotify:budget-background   KEYS[6] P:spotify:interactive-waiting   KEYS[7] BullMQ prioritized of `spotify`
 *   ARGV[4] probe step (slots added to the adaptive limit per probe)   ARGV[5] probe interval ms
 *   ARGV[6] '1' for a background call   ARGV[7] background share of the limit (per mille)   ARGV[8] waiter id
 *   ARGV[9] the lowest background priority (BullMQ scores a prioritized job `priority × 2^32 + counter`)
 *   ARGV[10] '1' once the waiter registered in KEYS[6] (an earlier attempt was refused): a grant unregisters it
 *   KEYS[8] P:spotify:interactive-order   ARGV[11] the call's order: priority × 2^42 + deadline (epoch ms)
 * Interactive calls wait when one is registered in KEYS[6] (refused a slot, until its retry plus a second) or queued
 * in KEYS[7] above background priority. While they do, a background call gets a slot only while background slots in
 * the window (KEYS[5]) are fewer than share × limit, and retries within a second; when none wait it may take every
 * spare slot.
 * Waiting interactive calls are served in order — by priority (admission's turn per client: clients alternate), then
 * earliest deadline first: a free slot is left to a registered waiter (KEYS[8] by order, alive while its KEYS[6] entry
 * lasts) that comes before the caller, until just after that waiter's own retry, so a call is not overtaken by calls
 * admitted after it at its turn or a later one, and gets its slot when admission predicted. Waiters that left are
 * dropped from KEYS[8] as they are met (and the key expires a window after its last write).
 * The limit in force is the configured budget, or the adaptive limit while one is recorded (after a 429 that the
 * budget did not prevent: Spotify's real limit is lower than configured). Once per probe interval without a new 429
 * the adaptive limit grows by one step; when it reaches the budget it is dropped.
 * Returns {0, 0} granted | {1, ms until the oldest slot leaves the window} | {2, ms until the pause ends}
 *       | {3, ms until the cool-down ends, cool-down JSON}.
 */
export const ACQUIRE_SLOT_LUA = `
${NOW_AND_COOLDOWN_LUA}local pauseUntil = tonumber(redis.call('GET', KEYS[2]) or '0') or 0
if pauseUntil > now then return {2, pauseUntil - now} end
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local adaptive = redis.call('HMGET', KEYS[4], 'limit', 'probeAt')
local learned = tonumber(adaptive[1])
if learned then
  if now >= (tonumber(adaptive[2]) or 0) then
    learned = learned + tonumber(ARGV[4])
    if learned >= limit then
      redis.call('DEL', KEYS[4])
      learned = nil
    else
      redis.call('HSET', KEYS[4], 'limit', learned, 'probeAt', now + tonumber(ARGV[5]))
    end
  end
  if learned and learned < limit then limit = learned end
end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - window)
local background = ARGV[6] == '1'
if background then
  redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', now)
  local queued = redis.call('ZCOUNT', KEYS[7], 0, tostring(tonumber(ARGV[9]) * 4294967296 - 1))
  if redis.call('ZCARD', KEYS[6]) + queued > 0 then
    redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', now - window)
    if redis.call('ZCARD', KEYS[5]) >= math.floor(limit * tonumber(ARGV[7]) / 1000) then
      local first = redis.call('ZRANGE', KEYS[5], 0, 0, 'WITHSCORES')
      local wait = first[2] and (tonumber(first[2]) + window - now) or 1000
      if wait > 1000 then wait = 1000 end
      if wait < 1 then wait = 1 end
      return {1, wait}
    end
  end
end
if redis.call('ZCARD', KEYS[3]) < limit then
  if not background then
    for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[8], '-inf', '(' .. ARGV[11], 'LIMIT', 0, 8)) do
      if id ~= ARGV[8] then
        local liveUntil = tonumber(redis.call('ZSCORE', KEYS[6], id)) or 0
        if liveUntil > now then
          -- It retries when its wait ends (a second before liveUntil): try again just after.
          local wait = math.max(10, liveUntil - 1000 - now + 5)
          if ARGV[10] == '1' then redis.call('ZADD', KEYS[6], 'XX', now + wait + 1000, ARGV[8]) end
          return {1, wait}
        end
        redis.call('ZREM', KEYS[8], id)
      end
    end
  end
  redis.call('ZADD', KEYS[3], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[3], window)
  if background then
    redis.call('ZADD', KEYS[5], now, ARGV[3])
    redis.call('PEXPIRE', KEYS[5], window)
  elseif ARGV[10] == '1' then
    redis.call('ZREM', KEYS[6], ARGV[8])
    redis.call('ZREM', KEYS[8], ARGV[8])
  end
  return {0, 0}
end
local oldest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
local wait = tonumber(oldest[2]) + window - now
if wait < 1 then wait = 1 end
if not background then
  redis.call('ZADD', KEYS[6], now + wait + 1000, ARGV[8])
  redis.call('PEXPIRE', KEYS[6], window + 1000)
  redis.call('ZADD', KEYS[8], ARGV[11], ARGV[8])
  redis.call('PEXPIRE', KEYS[8], window + 1000)
end
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

/**
 * Lowers the adaptive limit after a rate-limit 429 (not the quota): Spotify refused although the budget allowed the
 * request, so its real limit is below the budget. The new limit is `factor` × the requests sent in the window (what
 * Spotify just proved too many), never above the limit already in force, never below `min`. Probing up starts one
 * interval after the Retry-After ends. A 429 while fewer than a quarter of the budget were sent in the window says
 * little about the real limit (a burst rule, another client on the same credentials): it only pauses, and returns 0.
 *   KEYS[1] P:spotify:budget   KEYS[2] P:spotify:adaptive
 *   ARGV[1] budget   ARGV[2] window ms   ARGV[3] factor in per-mille   ARGV[4] min   ARGV[5] Retry-After ms
 *   ARGV[6] probe interval ms
 * Returns the new limit.
 */
export const LOWER_LIMIT_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local budget = tonumber(ARGV[1])
local sent = redis.call('ZCOUNT', KEYS[1], now - tonumber(ARGV[2]), '+inf')
if sent * 4 < budget then return 0 end
local current = tonumber(redis.call('HGET', KEYS[2], 'limit')) or budget
local limit = math.floor(sent * tonumber(ARGV[3]) / 1000)
if limit > current then limit = current end
if limit >= budget then limit = budget - 1 end
if limit < tonumber(ARGV[4]) then limit = tonumber(ARGV[4]) end
redis.call('HSET', KEYS[2], 'limit', limit, 'probeAt', now + tonumber(ARGV[5]) + tonumber(ARGV[6]))
redis.call('PEXPIRE', KEYS[2], 24 * 3600 * 1000)
return limit
`;
