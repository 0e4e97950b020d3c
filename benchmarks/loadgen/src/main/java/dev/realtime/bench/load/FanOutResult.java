package dev.realtime.bench.load;

import java.util.List;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

/**
 * The measured windows of one server at one fixed-rate configuration.
 *
 * @param scenario which scenario: {@code fanout}, {@code rooms}, {@code sse}, {@code size}
 * @param kind the server
 * @param subscribers connections (or streams), all subscribed
 * @param rooms rooms they are spread over, evenly
 * @param rate publications per second over all rooms
 * @param size payload bytes
 * @param windows the measured windows
 * @param skipped why the configuration was not measured, or {@code null}
 */
record FanOutResult(String scenario, ServerKind kind, int subscribers, int rooms, double rate, int size,
		List<WindowResult> windows, @Nullable String skipped) {

	static FanOutResult skipped(String scenario, ServerKind kind, int subscribers, int rooms, double rate, int size,
			String why) {
		return new FanOutResult(scenario, kind, subscribers, rooms, rate, size, List.of(), why);
	}

	double median(ToDoubleFunction<WindowResult> metric) {
		return Stats.median(this.windows, metric);
	}

	/** Whether every window delivered everything to connections that stayed. */
	boolean allComplete() {
		return !this.windows.isEmpty() && this.windows.stream().allMatch(WindowResult::complete);
	}

}
