-- A user's notifications inbox: one operation per call, each atomic. Both keys share the hash tag
-- of the user's personal room, so this runs in one slot, also in Redis Cluster.
-- KEYS[1] stream of notifications (entry id = notification id, field n = its JSON)
-- KEYS[2] set of the ids read; it only ever holds ids still in the stream, so that the unread
-- count is the stream's length minus the set's size
-- ARGV[1] operation   ARGV[2] max age in ms   ARGV[3..] the operation's arguments:
--   add <json> <max per user>    -> { id }
--   unread                       -> { id, json, id, json... }, newest first
--   list <before id or ''> <n>   -> { id, json, read (0 or 1), ... }, newest first
--   count                        -> { unread }
--   read <id>...                 -> { unread, each id it marked... }
--   readall                      -> { unread, each id it marked... }
local stream, read = KEYS[1], KEYS[2]
local op, maxAge = ARGV[1], tonumber(ARGV[2])

local function forgetEvicted()
  for _, id in ipairs(redis.call('smembers', read)) do
    if #redis.call('xrange', stream, id, id) == 0 then
      redis.call('srem', read, id)
    end
  end
end

local function unread()
  return math.max(0, redis.call('xlen', stream) - redis.call('scard', read))
end

-- Whatever the operation, notifications older than the max age are gone first.
local now = redis.call('time')
local cutoff = now[1] * 1000 + math.floor(now[2] / 1000) - maxAge
if cutoff > 0 and redis.call('xtrim', stream, 'MINID', cutoff) > 0 then
  forgetEvicted()
end

if op == 'add' then
  local length = redis.call('xlen', stream)
  local id = redis.call('xadd', stream, 'MAXLEN', ARGV[4], '*', 'n', ARGV[3])
  if redis.call('xlen', stream) <= length then
    forgetEvicted()
  end
  -- The newest notification expires last: the inbox goes with it.
  redis.call('pexpire', stream, maxAge)
  redis.call('pexpire', read, maxAge)
  return { id }
end

if op == 'unread' then
  local result = {}
  for _, entry in ipairs(redis.call('xrevrange', stream, '+', '-')) do
    if redis.call('sismember', read, entry[1]) == 0 then
      table.insert(result, entry[1])
      table.insert(result, entry[2][2])
    end
  end
  return result
end

if op == 'list' then
  local from = (ARGV[3] == '') and '+' or ('(' .. ARGV[3])
  local result = {}
  for _, entry in ipairs(redis.call('xrevrange', stream, from, '-', 'COUNT', ARGV[4])) do
    table.insert(result, entry[1])
    table.insert(result, entry[2][2])
    table.insert(result, redis.call('sismember', read, entry[1]))
  end
  return result
end

if op == 'count' then
  return { unread() }
end

local ids = {}
if op == 'readall' then
  for _, entry in ipairs(redis.call('xrange', stream, '-', '+')) do
    table.insert(ids, entry[1])
  end
elseif op == 'read' then
  for i = 3, #ARGV do
    if #redis.call('xrange', stream, ARGV[i], ARGV[i]) > 0 then
      table.insert(ids, ARGV[i])
    end
  end
else
  return redis.error_reply('unknown inbox operation ' .. op)
end
local result = { 0 }
for _, id in ipairs(ids) do
  if redis.call('sadd', read, id) == 1 then
    table.insert(result, id)
  end
end
local ttl = redis.call('pttl', stream)
if ttl > 0 then
  redis.call('pexpire', read, ttl)
end
result[1] = unread()
return result
