-- Counts one analytics event: its type in the day's hash (as 'other' once the day has the most
-- types), its visitor in the day's HyperLogLog and in the sorted set of when each visitor was
-- last seen, dropping those seen before the active window.
-- KEYS[1] day's counts   KEYS[2] day's visitors (HyperLogLog)   KEYS[3] visitors by last seen
-- ARGV[1] type   ARGV[2] most types   ARGV[3] the type beyond them   ARGV[4] visitor or ''
-- ARGV[5] now (ms)   ARGV[6] start of the window (ms)   ARGV[7] seconds the day's keys live
-- ARGV[8] milliseconds the window lasts
local type = ARGV[1]
if redis.call('hexists', KEYS[1], type) == 0 and redis.call('hlen', KEYS[1]) >= tonumber(ARGV[2]) then
  type = ARGV[3]
end
redis.call('hincrby', KEYS[1], type, 1)
redis.call('expire', KEYS[1], ARGV[7])
if ARGV[4] ~= '' then
  redis.call('pfadd', KEYS[2], ARGV[4])
  redis.call('expire', KEYS[2], ARGV[7])
  redis.call('zadd', KEYS[3], ARGV[5], ARGV[4])
  redis.call('zremrangebyscore', KEYS[3], '-inf', '(' .. ARGV[6])
  redis.call('pexpire', KEYS[3], ARGV[8])
end
return {}
