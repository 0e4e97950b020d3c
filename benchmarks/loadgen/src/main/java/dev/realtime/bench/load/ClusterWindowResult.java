package dev.realtime.bench.load;

import org.jspecify.annotations.Nullable;

/**
 * One measured window of a cluster configuration.
 *
 * @param window deliveries, latency and CPU, with server CPU and GC summed over every node
 * @param redis what Redis did in the window, or {@code null} for a configuration without it
 */
record ClusterWindowResult(WindowResult window, @Nullable RedisUsage redis) {

	/** Redis CPU per delivery, in microseconds; NaN without Redis or deliveries. */
	double redisCpuMicrosPerDelivery() {
		return (this.redis == null || this.window.received() == 0) ? Double.NaN
				: this.redis.cpuNanos() / 1000.0 / this.window.received();
	}

	/** Calls of {@code command} per publication in the window; NaN without Redis. */
	double callsPerPublication(String command) {
		return (this.redis == null || this.window.published() == 0) ? Double.NaN
				: (double) this.redis.calls().getOrDefault(command, 0L) / this.window.published();
	}

	@Override
	public String toString() {
		return this.window + ((this.redis != null) ? String.format(" redis=%.2fus/delivery calls=%s",
				redisCpuMicrosPerDelivery(), this.redis.calls()) : "");
	}

}
