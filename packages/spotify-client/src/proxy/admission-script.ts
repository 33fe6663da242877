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
export const AdmissionStatus = { Admitted: 0, Join: 1, Busy: 2, Cooldown: 3 } as const;

/** Why ADMISSION_LUA refused a call as busy. */
export const BusyReason = { Deadline: 1, QueueDelay: 2 } as const;

/**
 * Decides, in one atomic call, whether a new `spotify.call` may be queued: predicts when it could have its answer —
 * when it could send its last upstream request, plus the time Spotify typically takes to answer one — and gives it its
 * client's turn.
 *   KEYS[1] P:spotify:cooldown   KEYS[2] P:spotify:pause-until   KEYS[3] P:spotify:budget   KEYS[4] P:spotify:adaptive
 *   KEYS[5] P:spotify:budget-config   KEYS[6] BullMQ wait   KEYS[7] BullMQ prioritized   KEYS[8] BullMQ active
 *   KEYS[9] BullMQ deduplication key of the call   KEYS[10] P:spotify:upstream-latency (typical ms per request)
 *   KEYS[11] P:spotify:client-turns:<client> (the client's admitted calls, scored by their predicted slot)
 *   KEYS[12] P:spotify:clients (the clients holding calls in the window, scored by their last predicted slot)
 *   ARGV[1] BullMQ job key prefix (`P:spotify:`)   ARGV[2] the call's priority   ARGV[3] the call's upstream requests
 *   ARGV[4] most jobs read for their method (beyond it the mean cost of those read is assumed)
 *   ARGV[5] ms left until the call's deadline   ARGV[6] queue-delay target ms (-1: none)   ARGV[7] the new job's id
 *   ARGV[8] the lowest background priority   ARGV[9] the call's client ('' for none: KEYS[11] and KEYS[12] unused)
 *   ARGV[10..] method name, upstream requests, … (methods not listed cost 1)
 * Fair share: an interactive call's priority is its class's plus its client's turn — how many calls the client already
 * holds in the rolling window, their slots taken or promised at admission (0, 1, 2, 3, then one more per doubling,
 * capped below background) — so BullMQ (and the gate, which orders by priority) serves clients in turn, the client
 * that holds least first (max-min fair: a client asking less than its share is never behind a heavier one); a client
 * already holding its share of the limit (split between the clients holding calls in the window) gets no queue: the
 * queue-delay target is 0 for it, so the short queue is left to the clients below their share, and it takes a free slot
 * only while what the other clients still lack of their shares stays free.
 * The jobs ahead are the active, waiting and prioritized ones at that priority or higher (BullMQ
 * scores a prioritized job `priority × 2^32 + counter`); each costs the upstream requests of its method (read from the
 * payload of the first ARGV[4] jobs, their mean assumed for the rest). Their requests and
 * the call's own are laid after the slots already in the rolling window: request i may start when the slot `limit`
 * places before it leaves the window. The answer comes one response time after the last request is sent, and no
 * sooner than the call's requests one after another (an idle budget sends the first at once, the last only after the
 * others' answers). No published budget config (no worker-spotify ever started on this prefix) predicts no wait.
 * Busy when the answer would come after the deadline, or (target set) the wait before the last request is longer than
 * the target. Admitted: the call is recorded in KEYS[11] until its predicted slot leaves the window.
 * Returns {0, wait ms, requests ahead, slots used, limit, queue wait ms, priority}
 *       | {2, wait ms, requests ahead, slots used, limit, queue wait ms, priority, busy reason}
 *       | {1, 0, id of the identical job in flight} | {3, ms until the cool-down ends, cool-down JSON}.
 */
export const ADMISSION_LUA = `
${NOW_AND_COOLDOWN_LUA}local existing = redis.call('GET', KEYS[9])
if existing and redis.call('EXISTS', ARGV[1] .. existing) == 1 then return {1, 0, existing} end
local rawConfig = redis.call('GET', KEYS[5])
local configured, config = false, nil
if rawConfig then configured, config = pcall(cjson.decode, rawConfig) end
if configured and (type(config) ~= 'table' or not tonumber(config.budget) or not tonumber(config.windowMs)) then configured = false end
local window = configured and tonumber(config.windowMs) or 31000
local limit = configured and tonumber(config.budget) or 1
local learned = tonumber(redis.call('HGET', KEYS[4], 'limit'))
if learned and learned > 0 and learned < limit then limit = learned end
if limit < 1 then limit = 1 end
local priority = tonumber(ARGV[2])
local background = tonumber(ARGV[8])
local client = ARGV[9]
local turns = client ~= '' and priority < background
local target = tonumber(ARGV[6])
local overShare, clients, ownRequests = false, 1, 0
if turns then
  -- The client's calls whose slot is in the rolling window, taken or promised: its turn is how much of the window it
  -- holds (0, 1, 2, 3, then 4 for 4-7, 5 for 8-15, … so the few priorities below background cover any share).
  redis.call('ZREMRANGEBYSCORE', KEYS[11], '-inf', now - window)
  redis.call('ZREMRANGEBYSCORE', KEYS[12], '-inf', now - window)
  local held = redis.call('ZCARD', KEYS[11])
  -- Its fair share: the limit split between the clients holding calls in the window (itself included). A client that
  -- already holds its share gets no queue — it is admitted only while a slot is free for it at once — and leaves free
  -- what the other clients still lack of their shares (see below).
  clients = redis.call('ZCARD', KEYS[12])
  if not redis.call('ZSCORE', KEYS[12], client) then clients = clients + 1 end
  ownRequests = held * tonumber(ARGV[3])
  if target >= 0 and ownRequests * clients >= limit then
    target = 0
    overShare = true
  end
  local turn = held
  if held >= 4 then
    turn = 4
    while held >= 8 do held = held / 2 turn = turn + 1 end
  end
  priority = math.min(priority + turn, background - 1)
end
local function admitted(wait, ahead, used, queueWait)
  if turns then
    redis.call('ZADD', KEYS[11], now + queueWait, ARGV[7])
    redis.call('PEXPIRE', KEYS[11], queueWait + window)
    redis.call('ZADD', KEYS[12], now + queueWait, client)
    redis.call('PEXPIRE', KEYS[12], queueWait + window)
  end
  return {0, wait, ahead, used, limit, queueWait, priority}
end
if not configured then return admitted(0, 0, 0, 0) end

local costs = {}
for i = 10, #ARGV, 2 do costs[ARGV[i]] = tonumber(ARGV[i + 1]) end
local cap = tonumber(ARGV[4])
local priorityEnd = tostring((priority + 1) * 4294967296 - 1)
-- Active jobs (at most the global concurrency) wait in the gate, which serves them by priority: those at a lower
-- priority (a later turn) are not ahead.
local active = {}
for _, id in ipairs(redis.call('LRANGE', KEYS[8], 0, -1)) do
  if (tonumber(redis.call('HGET', ARGV[1] .. id, 'priority')) or 0) <= priority then active[#active + 1] = id end
end
local total = #active + redis.call('LLEN', KEYS[6]) + redis.call('ZCOUNT', KEYS[7], 0, priorityEnd)
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
  tally(active)
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
local wait = math.max(at + latency, now + tonumber(ARGV[3]) * latency) - now
local queueWait = at - now
if wait > tonumber(ARGV[5]) then return {2, wait, ahead, used, limit, queueWait, priority, 1} end
if target >= 0 and queueWait > target then return {2, wait, ahead, used, limit, queueWait, priority, 2} end
if overShare then
  -- The other clients' shares less what they hold (the window's slots and the calls ahead, less this client's own).
  local reserve = (clients - 1) * limit / clients - (used + ahead - ownRequests)
  if limit - used - ahead - tonumber(ARGV[3]) < reserve then return {2, wait, ahead, used, limit, queueWait, priority, 2} end
end
return admitted(wait, ahead, used, queueWait)
`;
