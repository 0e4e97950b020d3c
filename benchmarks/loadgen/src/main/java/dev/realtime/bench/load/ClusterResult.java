package dev.realtime.bench.load;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

/**
 * The measured windows of one configuration of the cluster scenario: a server, on one node or
 * several, with or without Redis between them, under the same fan-out as every other
 * configuration.
 *
 * @param label what the report calls the configuration
 * @param kind the server
 * @param nodes server processes; subscribers are split evenly over them and the first publishes
 * @param redis whether the nodes share a Redis of the scenario's own
 * @param subscribers connections over every node, all in one room
 * @param rate publications per second, all on the first node
 * @param size payload bytes
 * @param windows the measured windows
 * @param skipped why the configuration was not measured, or {@code null}
 */
record ClusterResult(String label, ServerKind kind, int nodes, boolean redis, int subscribers, double rate, int size,
		List<ClusterWindowResult> windows, @Nullable String skipped) {

	static ClusterResult skipped(String label, ServerKind kind, int nodes, boolean redis, int subscribers, double rate,
			int size, String why) {
		return new ClusterResult(label, kind, nodes, redis, subscribers, rate, size, List.of(), why);
	}

	/** Median over the windows of a figure of the servers and the load generator. */
	double median(ToDoubleFunction<WindowResult> metric) {
		return Stats.median(this.windows.stream().map(ClusterWindowResult::window).toList(), metric);
	}

	/** Median over the windows of a figure that involves Redis. */
	double medianOfCluster(ToDoubleFunction<ClusterWindowResult> metric) {
		return Stats.median(this.windows, metric);
	}

	/** Every command Redis ran in any window, by name. */
	Set<String> commands() {
		Set<String> commands = new TreeSet<>();
		this.windows.stream().filter((w) -> w.redis() != null).forEach((w) -> commands.addAll(w.redis().calls().keySet()));
		return commands;
	}

	boolean measured() {
		return this.skipped == null && !this.windows.isEmpty();
	}

}
