-- A room's presence, after dropping the entries their node stopped refreshing (a node that
-- died): Redis 7.0 has no per-field expiry, so it is applied here, lazily.
-- KEYS[1] hash   KEYS[2] sorted set
local now = redis.call('time')
local nowMillis = now[1] * 1000 + math.floor(now[2] / 1000)
local expired = redis.call('zrangebyscore', KEYS[2], '-inf', nowMillis)
for _, id in ipairs(expired) do
  redis.call('hdel', KEYS[1], id)
end
if #expired > 0 then
  redis.call('zremrangebyscore', KEYS[2], '-inf', nowMillis)
end
return redis.call('hgetall', KEYS[1])
