package dev.realtime.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** Everything one run measured, for the report and the chart. */
final class Results {

	final List<FanOutResult> fixedRate = new ArrayList<>();

	final List<SearchResult> searches = new ArrayList<>();

	final List<IdleResult> idle = new ArrayList<>();

	final List<ClusterResult> cluster = new ArrayList<>();

	/** Issue 14: idle WebSocket and SSE connections with the server-still-answers check. */
	final List<IdleCheck> idleChecks = new ArrayList<>();

	/** Issue 14: tail, compression and the cost curves (scenarios {@code tail}, {@code compression-on|off}, {@code curve-*}). */
	final List<FanOutResult> issue14 = new ArrayList<>();

	/** Issue 14: the cluster with publishers on both nodes. */
	final List<ClusterResult> cluster2 = new ArrayList<>();

	final java.util.Map<ServerKind, JfrSummary> profiles = new java.util.EnumMap<>(ServerKind.class);

	/** The fan-out the profiles recorded: subscribers x msg/s. */

	String profileShape = "5000x10";

	@Nullable IdleResult idle100k;

	/** Why the 100k step did not run, when it could not. */
	@Nullable String idle100kSkipped;

	/** Things the reader must know about this run (limits that changed a scenario). */
	final List<String> notes = new ArrayList<>();

	Optional<FanOutResult> fixedRate(String scenario, ServerKind kind, int subscribers, double rate, int size) {
		return this.fixedRate.stream()
			.filter((r) -> r.scenario().equals(scenario) && r.kind() == kind && r.subscribers() == subscribers
					&& r.rate() == rate && r.size() == size)
			.findFirst();
	}

	Optional<SearchResult> search(String scenario, ServerKind kind) {
		return this.searches.stream().filter((r) -> r.scenario().equals(scenario) && r.kind() == kind).findFirst();
	}

	Optional<IdleResult> idle(ServerKind kind, int connections) {
		return this.idle.stream().filter((r) -> r.kind() == kind && r.connections() == connections).findFirst();
	}

}
