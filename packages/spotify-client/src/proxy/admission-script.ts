/**
 * The opening both the budget gate's script and admission's share: `now` from Redis `TIME` (one clock for every
 * process), then the cool-down at KEYS[1]: while it lasts, return {3, ms until it ends, its JSON}.
 */
export const NOW_AND_COOLDOWN_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cooldown = redis.call('GET', KEYS[1])
if cooldown then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl > 0 then return {3, ttl, cooldown} end
end
`;

/** Result codes of ADMISSION_LUA. */
export const AdmissionStatus = { Predicted: 0, Join: 1, Cooldown: 3 } as const;

/**
 * Predicts, in one atomic read-only call, when a new `spotify.call` could have its answer: when it could send its last
 * upstream request, plus the time Spotify typically takes to answer one.
 *   KEYS[1] P:spotify:cooldown   KEYS[2] P:spotify:pause-until   KEYS[3] P:spotify:budget   KEYS[4] P:spotify:adaptive
 *   KEYS[5] P:spotify:budget-config   KEYS[6] BullMQ wait   KEYS[7] BullMQ prioritized   KEYS[8] BullMQ active
 *   KEYS[9] BullMQ deduplication key of the call   KEYS[10] P:spotify:upstream-latency (typical ms per request)
 *   ARGV[1] BullMQ job key prefix (`P:spotify:`)   ARGV[2] the call's priority   ARGV[3] the call's upstream requests
 *   ARGV[4] most jobs read for their method (beyond it the mean cost of those read is assumed)
 *   ARGV[5..] method name, upstream requests, … (methods not listed cost 1)
 * The jobs ahead are the active ones, the waiting ones and the prioritized ones at the call's priority or higher
 * (BullMQ scores a prioritized job `priority × 2^32 + counter`). Their requests and the call's own are laid after the
 * slots already in the rolling window: request i may start when the slot `limit` places before it leaves the window.
 * The answer comes one response time after the last request is sent, and no sooner than the call's requests one after
 * another (an idle budget sends the first at once, the last only after the others' answers).
 * No published budget config (no worker-spotify ever started on this prefix) predicts no wait.
 * Returns {0, wait ms, requests ahead, slots used, limit} | {1, 0, id of the identical job in flight}
 *       | {3, ms until the cool-down ends, cool-down JSON}.
 */
export const ADMISSION_LUA = `
${NOW_AND_COOLDOWN_LUA}local existing = redis.call('GET', KEYS[9])
if existing and redis.call('EXISTS', ARGV[1] .. existing) == 1 then return {1, 0, existing} end
local rawConfig = redis.call('GET', KEYS[5])
if not rawConfig then return {0, 0, 0, 0, 0} end
local ok, config = pcall(cjson.decode, rawConfig)
if not ok or type(config) ~= 'table' or not tonumber(config.budget) or not tonumber(config.windowMs) then return {0, 0, 0, 0, 0} end
local limit = tonumber(config.budget)
local window = tonumber(config.windowMs)
local learned = tonumber(redis.call('HGET', KEYS[4], 'limit'))
if learned and learned > 0 and learned < limit then limit = learned end
if limit < 1 then limit = 1 end

local costs = {}
for i = 5, #ARGV, 2 do costs[ARGV[i]] = tonumber(ARGV[i + 1]) end
local cap = tonumber(ARGV[4])
local priorityEnd = tostring((tonumber(ARGV[2]) + 1) * 4294967296 - 1)
local total = redis.call('LLEN', KEYS[8]) + redis.call('LLEN', KEYS[6]) + redis.call('ZCOUNT', KEYS[7], 0, priorityEnd)
local read, readCost = 0, 0
local function tally(ids)
  for _, id in ipairs(ids) do
    if read >= cap then return end
    read = read + 1
    local data = redis.call('HGET', ARGV[1] .. id, 'data')
    local method = data and string.match(data, '"method":"(%w+)"')
    readCost = readCost + ((method and costs[method]) or 1)
  end
end
-- An idle queue (the common case) has no job to read.
if total > 0 then
  tally(redis.call('LRANGE', KEYS[8], 0, cap - 1))
  if read < cap then tally(redis.call('LRANGE', KEYS[6], 0, cap - read - 1)) end
  if read < cap then tally(redis.call('ZRANGEBYSCORE', KEYS[7], 0, priorityEnd, 'LIMIT', 0, cap - read)) end
end
local ahead = readCost
if total > read and read > 0 then ahead = ahead + math.ceil((total - read) * readCost / read) end

local since = '(' .. tostring(now - window)
local used = redis.call('ZCOUNT', KEYS[3], since, '+inf')
local index = ahead + tonumber(ARGV[3])
local extra = 0
local at = now
while true do
  local j = used + index - limit
  if j <= 0 then at = now + extra break end
  if j <= used then
    local slot = redis.call('ZRANGEBYSCORE', KEYS[3], since, '+inf', 'WITHSCORES', 'LIMIT', j - 1, 1)
    at = math.max(now, tonumber(slot[2]) + window) + extra
    break
  end
  index = j - used
  extra = extra + window
end
local pauseUntil = tonumber(redis.call('GET', KEYS[2]) or '0') or 0
if pauseUntil > at then at = pauseUntil end
local latency = tonumber(redis.call('GET', KEYS[10]) or '0') or 0
if latency < 0 then latency = 0 end
local answered = math.max(at + latency, now + tonumber(ARGV[3]) * latency)
return {0, answered - now, ahead, used, limit}
`;
