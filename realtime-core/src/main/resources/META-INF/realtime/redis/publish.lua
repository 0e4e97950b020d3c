-- One publication, as one atomic step: number it, keep it in the room's window, and send it to
-- every node. Every key and the channel share the room's hash tag, so this runs in one slot,
-- also in Redis Cluster.
-- KEYS[1] meta hash (e: epoch, o: last offset)   KEYS[2] stream   KEYS[3] channel
-- ARGV[1] payload   ARGV[2] window size (0: keep none)   ARGV[3] ttl in seconds
-- ARGV[4] an epoch to start with, when the room has none   ARGV[5] publish or spublish
local epoch = redis.call('hget', KEYS[1], 'e')
if not epoch then
  -- A room whose history was lost starts a new epoch; a stream left from the old one goes.
  epoch = ARGV[4]
  redis.call('del', KEYS[2])
  redis.call('hset', KEYS[1], 'e', epoch)
end
local offset = redis.call('hincrby', KEYS[1], 'o', 1)
local window = tonumber(ARGV[2])
if window > 0 then
  local now = redis.call('time')
  redis.call('xadd', KEYS[2], 'MAXLEN', window, offset .. '-0', 'p', ARGV[1], 't', now[1] * 1000 + math.floor(now[2] / 1000))
  redis.call('expire', KEYS[2], ARGV[3])
end
redis.call('expire', KEYS[1], ARGV[3])
redis.call(ARGV[5], KEYS[3], 'p\n' .. offset .. '\n' .. epoch .. '\n' .. ARGV[1])
return { offset, epoch }
