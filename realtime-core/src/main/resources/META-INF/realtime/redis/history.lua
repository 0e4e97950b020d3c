-- The room's position and its newest publications after an offset, younger than the ttl, at
-- most a limit of them, newest first; read in one step so that they agree.
-- KEYS[1] meta hash   KEYS[2] stream
-- ARGV[1] first offset wanted   ARGV[2] limit   ARGV[3] ttl in milliseconds
-- ARGV[4] an epoch to start with   ARGV[5] ttl in seconds
local epoch = redis.call('hget', KEYS[1], 'e')
if not epoch then
  epoch = ARGV[4]
  redis.call('hset', KEYS[1], 'e', epoch, 'o', 0)
  redis.call('expire', KEYS[1], ARGV[5])
end
local offset = tonumber(redis.call('hget', KEYS[1], 'o'))
local now = redis.call('time')
local oldest = now[1] * 1000 + math.floor(now[2] / 1000) - tonumber(ARGV[3])
local entries = redis.call('xrevrange', KEYS[2], '+', ARGV[1] .. '-0', 'COUNT', ARGV[2])
local kept = {}
for _, entry in ipairs(entries) do
  local fields = entry[2]
  local payload, at
  for i = 1, #fields, 2 do
    if fields[i] == 'p' then payload = fields[i + 1] elseif fields[i] == 't' then at = tonumber(fields[i + 1]) end
  end
  if at and at < oldest then break end
  kept[#kept + 1] = entry[1]
  kept[#kept + 1] = payload
end
return { offset, epoch, kept }
