package dev.realtime.bench.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * How a benchmark run is sized.
 *
 * @param benchmarks the {@code benchmarks/} directory: jars under it, report written into it
 * @param servers the servers to measure
 * @param scenarios the scenarios to run, by name
 * @param repetitions measured windows (or searches) per figure; headline figures are their median
 * @param windowSeconds publishing time of a measured window
 * @param warmupSeconds publishing time of the unmeasured window that warms each server up
 * @param probeSeconds publishing time of one probe of a rate search
 * @param size bytes of each tick's JSON payload
 */
record Settings(Path benchmarks, List<ServerKind> servers, Set<String> scenarios, int repetitions,
		double windowSeconds, double warmupSeconds, double probeSeconds, int size) {

	static final List<String> ALL_SCENARIOS = List.of("fanout", "capacity", "maxrate", "rooms", "sse", "idle",
			"size", "profile", "idle100k", "cluster", "idle14", "tail", "compression", "curves", "cluster2");

	/** Issue 14's scenarios, which {@code --scenarios=issue14} stands for; they write a block of their own. */
	static final List<String> ISSUE14 = List.of("idle14", "tail", "compression", "curves", "cluster2");

	/** Whether any scenario of the main report (all but {@code cluster} and issue 14's) runs. */
	boolean runsMain() {
		return this.scenarios.stream().anyMatch((scenario) -> !scenario.equals("cluster") && !ISSUE14.contains(scenario));
	}

	/** Whether any of issue 14's scenarios runs. */
	boolean runsIssue14() {
		return this.scenarios.stream().anyMatch(ISSUE14::contains);
	}

	Path logs() {
		return this.benchmarks.resolve("target").resolve("logs");
	}

	boolean runs(String scenario) {
		return this.scenarios.contains(scenario);
	}

}
