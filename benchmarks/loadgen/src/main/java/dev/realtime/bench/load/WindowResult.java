package dev.realtime.bench.load;

/**
 * One measured window: a fixed-rate run of the server's publisher plus the time its last
 * deliveries took to arrive.
 *
 * @param rate ticks per second asked of the publisher (over all rooms)
 * @param seconds how long it published
 * @param published ticks it published
 * @param expected deliveries that should arrive: each tick times its room's subscribers
 * @param received deliveries that arrived before the window closed
 * @param outOfOrder deliveries older than one already received on the same connection
 * @param lostConnections connections that closed during the window
 * @param p50Micros median publish-to-receive latency
 * @param p99Micros 99th percentile
 * @param p999Micros 99.9th percentile
 * @param maxMicros worst
 * @param serverCpuNanos user+sys CPU of the server process over the window
 * @param clientCpuNanos user+sys CPU of the load generator over the window
 * @param publisherLagMicros how far the server's publisher thread fell behind its schedule
 * @param otherCpuNanos CPU that other processes of the machine took during the window: noise
 * @param elapsedNanos wall time of the window, publishing and draining
 * @param gcMillis time the server's collectors reported over the window (pauses, for ParallelGC)
 * @param wireBytes bytes the subscribers read off their sockets in the window, before any
 *        inflating (a handler at the head of each client pipeline); 0 where not counted
 * @param gcPauses GC pauses in the server's GC log within the window, -1 without a GC log
 * @param gcPauseTotalMicros their total
 * @param gcPauseMaxMicros the longest
 */
record WindowResult(double rate, double seconds, long published, long expected, long received, long outOfOrder,
		long lostConnections, long p50Micros, long p99Micros, long p999Micros, long maxMicros, long serverCpuNanos,
		long clientCpuNanos, long publisherLagMicros, long otherCpuNanos, long elapsedNanos, long gcMillis,
		long wireBytes, long gcPauses, long gcPauseTotalMicros, long gcPauseMaxMicros) {

	/** A window that never ran: what a search reports when no rate passed. */
	static WindowResult none() {
		return new WindowResult(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, -1, 0, 0);
	}

	/** Share of the expected deliveries that arrived. */
	double deliveredRatio() {
		return (this.expected == 0) ? 0 : (double) this.received / this.expected;
	}

	/** Deliveries per second over the publishing time. */
	double deliveriesPerSecond() {
		return this.received / this.seconds;
	}

	/** Server CPU per delivery, in microseconds. */
	double serverCpuMicrosPerDelivery() {
		return (this.received == 0) ? Double.NaN : this.serverCpuNanos / 1000.0 / this.received;
	}

	/** Bytes read off the wire per delivery (NaN where not counted). */
	double wireBytesPerDelivery() {
		return (this.received == 0 || this.wireBytes == 0) ? Double.NaN : (double) this.wireBytes / this.received;
	}

	/** Load generator CPU per delivery, in microseconds. */
	double clientCpuMicrosPerDelivery() {
		return (this.received == 0) ? Double.NaN : this.clientCpuNanos / 1000.0 / this.received;
	}

	/** Cores' worth of CPU that other processes used during the window (of the machine's 2). */
	double otherCores() {
		return (double) this.otherCpuNanos / this.elapsedNanos;
	}

	/** Whether every expected delivery arrived and no connection was lost (order is reported apart). */
	boolean complete() {
		return this.received >= this.expected && this.expected > 0 && this.lostConnections == 0;
	}

	@Override
	public String toString() {
		return String.format("rate=%.1f/s published=%d delivered=%.3f%% (%d/%d) %,.0f deliveries/s p50=%.2fms "
				+ "p99=%.2fms p99.9=%.2fms max=%.2fms server=%.2fus/delivery client=%.2fus/delivery lag=%.1fms "
				+ "outOfOrder=%d lost=%d other=%.2f cores gc=%dms wire=%.0fB/delivery gcPauses=%d (max %.1fms)", this.rate, this.published, 100 * deliveredRatio(), this.received,
				this.expected, deliveriesPerSecond(), this.p50Micros / 1000.0, this.p99Micros / 1000.0,
				this.p999Micros / 1000.0, this.maxMicros / 1000.0, serverCpuMicrosPerDelivery(),
				clientCpuMicrosPerDelivery(), this.publisherLagMicros / 1000.0, this.outOfOrder,
				this.lostConnections, otherCores(), this.gcMillis, wireBytesPerDelivery(), this.gcPauses,
				this.gcPauseMaxMicros / 1000.0);
	}

}
