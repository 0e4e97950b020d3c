package dev.realtime.bench.load;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The highest publication rate one server sustained into one room, found by bisection once per
 * repetition.
 *
 * @param scenario {@code capacity} or {@code maxrate}
 * @param kind the server
 * @param subscribers subscribers of the room
 * @param p99LimitMicros a probe passes only with every delivery in order and p99 at most this
 * @param best the best passing window of each repetition (absent when none passed)
 * @param probes every probe, in order, for the log
 * @param failure why the search stopped early (the server died, say), or {@code null}
 */
record SearchResult(String scenario, ServerKind kind, int subscribers, long p99LimitMicros, List<WindowResult> best,
		List<WindowResult> probes, @Nullable String failure) {

	/** Median over repetitions of the highest passing rate (0 for a repetition where none passed). */
	double medianRate() {
		return Stats.median(this.best, WindowResult::rate);
	}

	/** Median over repetitions of deliveries per second at the highest passing rate. */
	double medianDeliveriesPerSecond() {
		return Stats.median(this.best, WindowResult::deliveriesPerSecond);
	}

	double medianServerCpuMicrosPerDelivery() {
		return Stats.median(this.best, WindowResult::serverCpuMicrosPerDelivery);
	}

	double medianP99Micros() {
		return Stats.median(this.best, WindowResult::p99Micros);
	}

}
