package dev.realtime.bench.load;

import java.util.Map;
import java.util.TreeMap;

/**
 * What Redis did during one window of a cluster: its CPU time ({@code /proc/<pid>/stat}) and the
 * calls of each command ({@code INFO commandstats} after minus before).
 *
 * @param cpuNanos user+sys CPU of the {@code redis-server} process over the window
 * @param calls calls per command (lower case, as Redis names them), without the load
 * generator's own {@code INFO}
 */
record RedisUsage(long cpuNanos, Map<String, Long> calls) {

	static RedisUsage between(Map<String, Long> before, Map<String, Long> after, long cpuNanos) {
		Map<String, Long> calls = new TreeMap<>();
		after.forEach((command, count) -> {
			long delta = count - before.getOrDefault(command, 0L);
			if (delta > 0 && !command.equals("info")) {
				calls.put(command, delta);
			}
		});
		return new RedisUsage(cpuNanos, calls);
	}

}
