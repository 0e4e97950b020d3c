-- A day's analytics: its counts by type, its distinct visitors, and the visitors seen since the
-- start of the active window, after dropping those seen before it.
-- KEYS[1] day's counts   KEYS[2] day's visitors (HyperLogLog)   KEYS[3] visitors by last seen
-- ARGV[1] start of the window (ms)
redis.call('zremrangebyscore', KEYS[3], '-inf', '(' .. ARGV[1])
return { redis.call('hgetall', KEYS[1]), redis.call('pfcount', KEYS[2]), redis.call('zcard', KEYS[3]) }
