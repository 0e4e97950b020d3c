-- The room's position, creating its epoch when it has none, so that a room never published to
-- keeps one epoch until its ttl.
-- KEYS[1] meta hash   ARGV[1] an epoch to start with   ARGV[2] ttl in seconds
local epoch = redis.call('hget', KEYS[1], 'e')
if not epoch then
  epoch = ARGV[1]
  redis.call('hset', KEYS[1], 'e', epoch, 'o', 0)
end
redis.call('expire', KEYS[1], ARGV[2])
return { tonumber(redis.call('hget', KEYS[1], 'o')), epoch }
