-- Adds or refreshes connections in a room's presence: their info, and when each expires unless
-- refreshed again. Several at once, for a node's periodic refresh.
-- KEYS[1] hash (connection id -> info)   KEYS[2] sorted set (connection id -> expiry in ms)
-- ARGV[1] ttl in milliseconds   ARGV[2..] connection id, info, connection id, info...
local now = redis.call('time')
local expiry = now[1] * 1000 + math.floor(now[2] / 1000) + tonumber(ARGV[1])
for i = 2, #ARGV, 2 do
  redis.call('hset', KEYS[1], ARGV[i], ARGV[i + 1])
  redis.call('zadd', KEYS[2], expiry, ARGV[i])
end
local seconds = math.ceil(tonumber(ARGV[1]) / 1000) + 1
redis.call('pexpire', KEYS[1], seconds * 1000)
redis.call('pexpire', KEYS[2], seconds * 1000)
return { 1 }
