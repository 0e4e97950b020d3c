package dev.realtime.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import reactor.netty.resources.LoopResources;

/**
 * Runs the benchmark: every scenario for every server, one server JVM at a time, then writes the
 * results into {@code benchmarks/README.md} and draws {@code benchmarks/chart.png}. The report is
 * rewritten after each scenario, so an interrupted run still leaves what it measured.
 * <p>
 * Options: {@code --quick} (one short window per figure, for trying things out),
 * {@code --scenarios=fanout,capacity,…}, {@code --servers=realtime,raw,stomp}, {@code --baseline=dir}
 * (also runs ours as built in another checkout's {@code benchmarks} folder, right after today's),
 * {@code --idle100k}
 * (adds the 100k idle connections step), {@code --report=path/README.md},
 * {@code --fanout=1000x2,5000x10} (subscribers × rate of the fan-out runs), {@code --idle=5000,10000,20000}, {@code --benchmarks=dir}, {@code --command="…"} (the command line the report quotes).
 * <p>
 * {@code --scenarios=cluster} (not in the default list: it starts Redis and Node.js, and a run
 * of the other scenarios should not need either) measures the Redis engine across two nodes
 * against one node and against Socket.IO with its Redis adapter; {@code --cluster=2000x10} sets
 * its subscribers × rate. It writes a block of the report of its own, so running it alone
 * leaves the other scenarios' results (and the chart) as they were.
 */
public final class BenchmarkMain {

	private static final int SIZE = 100;

	private final Settings settings;

	private final Scenarios scenarios;

	private final Results results = new Results();

	private final Path report;

	private final String command;

	private final String fanOut;

	private final String idleSizes;

	private final String clusterShape;

	private final String idle14Sizes;

	/** The fan-out the profile scenario records: subscribers x msg/s. */
	private final String profileShape;

	private BenchmarkMain(Settings settings, LoopResources loops, Path report, String command, String fanOut,
			String idleSizes, String clusterShape, String idle14Sizes, String profileShape) {
		this.idle14Sizes = idle14Sizes;
		this.profileShape = profileShape;
		this.clusterShape = clusterShape;
		this.fanOut = fanOut;
		this.idleSizes = idleSizes;
		this.settings = settings;
		this.scenarios = new Scenarios(settings, loops);
		this.report = report;
		this.command = command;
	}

	public static void main(String[] args) throws Exception {
		quietLogs();
		Path benchmarks = Path.of(option(args, "benchmarks", "benchmarks")).toAbsolutePath();
		boolean quick = Arrays.asList(args).contains("--quick");
		Set<String> scenarios = new LinkedHashSet<>(Arrays.asList(option(args, "scenarios",
				"fanout,capacity,maxrate,rooms,sse,idle,size,profile").split(",")));
		if (scenarios.remove("issue14")) {
			scenarios.addAll(Settings.ISSUE14);
		}
		if (Arrays.asList(args).contains("--idle100k")) {
			scenarios.add("idle100k");
		}
		List<ServerKind> servers = new ArrayList<>();
		for (String name : option(args, "servers", "raw,realtime,stomp").split(",")) {
			servers.add(ServerKind.valueOf(name.trim().toUpperCase()));
		}
		String baseline = option(args, "baseline", "");
		if (!baseline.isEmpty()) {
			System.setProperty(ServerKind.BASELINE_PROPERTY, Path.of(baseline).toAbsolutePath().toString());
			servers.add(servers.indexOf(ServerKind.REALTIME) + 1, ServerKind.BASELINE);
		}
		// Issue 14's scenarios alone: shorter windows (6 s after a 3 s warm-up), still 3 of them, so
		// that the whole set fits in about 30 minutes; --window=S and --warmup=S override.
		boolean issue14Only = scenarios.stream().allMatch(Settings.ISSUE14::contains);
		double window = Double.parseDouble(option(args, "window", quick ? "3" : issue14Only ? "6" : "10"));
		double warmup = Double.parseDouble(option(args, "warmup", quick ? "2" : issue14Only ? "3" : "5"));
		Settings settings = quick ? new Settings(benchmarks, servers, scenarios, 1, window, warmup, 5, SIZE)
				: new Settings(benchmarks, servers, scenarios, 3, window, warmup, 8, SIZE);
		Path report = Path.of(option(args, "report", benchmarks.resolve("README.md").toString()));
		String command = option(args, "command", "benchmarks/run.sh " + String.join(" ", args));
		// Two client event loops: the load generator must not take more than its share of 2 cores.
		LoopResources loops = LoopResources.create("bench-client", 2, true);
		try {
			new BenchmarkMain(settings, loops, report, command,
					option(args, "fanout", "1000x2,5000x10,10000x10"), option(args, "idle", "5000,10000,20000"),
					option(args, "cluster", "2000x10"), option(args, "idle14", quick ? "2000" : "5000,18000"),
					option(args, "profile", "5000x10")).run();
		}
		finally {
			loops.disposeLater().block();
		}
		System.exit(0);
	}

	private void run() throws Exception {
		long start = System.nanoTime();
		if (this.settings.runs("fanout")) {
			for (String config : this.fanOut.split(",")) {
				int subscribers = Integer.parseInt(config.substring(0, config.indexOf('x')));
				int rate = Integer.parseInt(config.substring(config.indexOf('x') + 1));
				for (ServerKind kind : this.settings.servers()) {
					this.results.fixedRate.add(this.scenarios.fixedRate("fanout", kind, subscribers, 1, rate, SIZE));
				}
				publish();
			}
		}
		if (this.settings.runs("capacity")) {
			for (ServerKind kind : this.settings.servers()) {
				this.results.searches.add(this.scenarios.search("capacity", kind, 5000, firstRate(kind, 10), 500_000));
				publish();
			}
		}
		if (this.settings.runs("maxrate")) {
			for (ServerKind kind : this.settings.servers()) {
				this.results.searches.add(this.scenarios.search("maxrate", kind, 1000, firstRate(kind, 40), 50_000));
				publish();
			}
		}
		if (this.settings.runs("rooms")) {
			for (ServerKind kind : this.settings.servers()) {
				this.results.fixedRate.add(this.scenarios.fixedRate("rooms", kind, 10_000, 1000, 2000, SIZE));
			}
			publish();
		}
		if (this.settings.runs("sse")) {
			for (ServerKind kind : this.settings.servers()) {
				this.results.fixedRate.add(this.scenarios.sse(kind, 1000, 10, SIZE));
			}
			publish();
		}
		if (this.settings.runs("idle")) {
			// 5k as well: the STOMP baseline runs out of a 1 GB heap before 10k.
			for (String size : this.idleSizes.split(",")) {
				int wanted = Integer.parseInt(size);
				int connections = FdLimit.cap(wanted);
				if (connections < wanted) {
					this.results.notes.add(String.format("Idle: %,d connections asked, %,d opened: the open-files limit is %,d "
							+ "per process and could not be raised (`ulimit -n`).", wanted, connections, FdLimit.openFiles()));
				}
				for (ServerKind kind : this.settings.servers()) {
					this.results.idle.add(this.scenarios.idle(kind, connections, 5, List.of(), wanted == 10_000));
				}
			}
			publish();
		}
		if (this.settings.runs("size")) {
			for (int size : new int[] { 100, 1024, 8192 }) {
				for (ServerKind kind : this.settings.servers()) {
					this.results.fixedRate.add(this.scenarios.fixedRate("size", kind, 1000, 1, 20, size));
				}
			}
			publish();
		}
		if (this.settings.runs("profile")) {
			this.results.profileShape = this.profileShape;
			for (ServerKind kind : List.of(ServerKind.REALTIME, ServerKind.RAW)) {
				if (this.settings.servers().contains(kind)) {
					int subscribers = Integer.parseInt(this.profileShape.substring(0, this.profileShape.indexOf('x')));
					int rate = Integer.parseInt(this.profileShape.substring(this.profileShape.indexOf('x') + 1));
					JfrSummary profile = this.scenarios.profile(kind, subscribers, rate, 20);
					if (profile != null) {
						this.results.profiles.put(kind, profile);
					}
				}
			}
			publish();
		}
		if (this.settings.runs("idle100k") && FdLimit.cap(100_000) < 100_000) {
			this.results.idle100kSkipped = String.format("not run: it needs about 100,500 open files per process and "
					+ "the limit here is %,d (`ulimit -n` could not raise it)", FdLimit.openFiles());
			System.out.println("idle100k " + this.results.idle100kSkipped);
			publish();
		}
		else if (this.settings.runs("idle100k")) {
			// Heartbeats every 10 s and a 30 s idle timeout: holding for 60 s takes several rounds.
			this.results.idle100k = this.scenarios.idle(ServerKind.REALTIME, 100_000, 60,
					List.of("realtime.websocket.ping-interval=10s", "realtime.websocket.idle-timeout=30s"), false);
			publish();
		}
		if (this.settings.runs("cluster")) {
			int subscribers = Integer.parseInt(this.clusterShape.substring(0, this.clusterShape.indexOf('x')));
			int rate = Integer.parseInt(this.clusterShape.substring(this.clusterShape.indexOf('x') + 1));
			// The single-node baseline first, then the same fan-out over two nodes on Redis; Socket.IO
			// on one node too, so that each server's cost of going to two nodes can be told apart.
			this.results.cluster.add(this.scenarios.cluster("ours, 1 node, local broker", ServerKind.REALTIME, 1, false,
					subscribers, rate, SIZE));
			publish();
			this.results.cluster.add(this.scenarios.cluster("ours, 2 nodes, Redis broker", ServerKind.REALTIME, 2, true,
					subscribers, rate, SIZE));
			publish();
			this.results.cluster.add(this.scenarios.cluster("Socket.IO, 2 nodes, redis-adapter", ServerKind.SOCKETIO, 2,
					true, subscribers, rate, SIZE));
			publish();
			this.results.cluster.add(this.scenarios.cluster("Socket.IO, 1 node, in-memory adapter", ServerKind.SOCKETIO,
					1, false, subscribers, rate, SIZE));
			publish();
		}
		runIssue14();
		System.out.printf("done in %.1f min%n", (System.nanoTime() - start) / 60e9);
	}

	/** Issue 14's scenarios, ours against raw Reactor Netty (or Socket.IO) in the same run. */
	private void runIssue14() throws Exception {
		List<ServerKind> pair = List.of(ServerKind.RAW, ServerKind.REALTIME);
		if (this.settings.runs("idle14")) {
			// Our connection caps raised as an operator would for this many clients: handshakes
			// (realtime.limits.max-connections, 10,000 by default) past the open-files limit, and
			// sockets (max-open-connections, 90% of that limit by default: 18,000 here) to the
			// limit less the descriptors the JVM keeps for itself.
			List<String> ours = List.of("realtime.limits.max-connections=200000",
					"realtime.limits.max-open-connections=" + (FdLimit.cap(Integer.MAX_VALUE) - 300));
			for (boolean sse : new boolean[] { false, true }) {
				for (String size : this.idle14Sizes.split(",")) {
					int wanted = Integer.parseInt(size.trim());
					int connections = FdLimit.cap(wanted + 1) - 1;
					if (connections < wanted) {
						this.results.notes.add(String.format("Idle (issue 14): %,d connections asked, %,d opened: the "
								+ "open-files limit is %,d per process (`ulimit -n`).", wanted, connections,
								FdLimit.openFiles()));
					}
					for (ServerKind kind : pair) {
						this.results.idleChecks.add(this.scenarios.idleCheck(kind, sse, connections,
								this.settings.repetitions() > 1 ? 5 : 2, (kind == ServerKind.REALTIME) ? ours : List.of()));
						publish();
					}
				}
			}
		}
		if (this.settings.runs("tail")) {
			for (ServerKind kind : pair) {
				this.results.issue14.add(this.scenarios.oneRoom("tail", kind, 2000, 20, SIZE, true));
				publish();
			}
		}
		if (this.settings.runs("compression")) {
			int[] sizes = { 100, 4096 };
			for (boolean on : new boolean[] { false, true }) {
				this.results.issue14.addAll(this.scenarios.sizes(on ? "compression-on" : "compression-off",
						ServerKind.REALTIME, 1000, (i) -> List.of("r"), "r", 1, 1000, 1, 5, sizes, true, true, List.of(),
						List.of("realtime.websocket.compression=" + on)));
				publish();
			}
		}
		if (this.settings.runs("curves")) {
			// (a) subscribers per room at about 20,000 deliveries/s.
			for (int subscribers : new int[] { 10, 100, 1000, 10_000 }) {
				for (ServerKind kind : pair) {
					this.results.issue14.add(this.scenarios.oneRoom("curve-subs", kind, subscribers, 20_000.0 / subscribers,
							SIZE, false));
				}
				publish();
			}
			// (b) rooms per connection: 1,000 connections, every room 20 members, 1,000 msg/s.
			for (int perConnection : new int[] { 1, 10, 50 }) {
				for (ServerKind kind : pair) {
					this.results.issue14.add(this.scenarios.roomsPerConnection(kind, 1000, perConnection, 20, 1000));
				}
				publish();
			}
			// (c) payload size: 500 subscribers × 10 msg/s, one session per server.
			for (ServerKind kind : pair) {
				this.results.issue14.addAll(this.scenarios.sizes("curve-size", kind, 500, (i) -> List.of("r"), "r", 1, 500,
						1, 10, new int[] { 100, 1024, 8192, 65_536 }, false, false, List.of(), List.of()));
				publish();
			}
		}
		if (this.settings.runs("cluster2")) {
			int subscribers = Integer.parseInt(this.clusterShape.substring(0, this.clusterShape.indexOf('x')));
			int rate = Integer.parseInt(this.clusterShape.substring(this.clusterShape.indexOf('x') + 1));
			this.results.cluster2.add(this.scenarios.cluster("ours, 1 node, local broker", ServerKind.REALTIME, 1, 1,
					false, subscribers, rate, SIZE));
			publish();
			this.results.cluster2.add(this.scenarios.cluster("ours, 2 nodes, Redis broker, both publishing",
					ServerKind.REALTIME, 2, 2, true, subscribers, rate, SIZE));
			publish();
			this.results.cluster2.add(this.scenarios.cluster("Socket.IO, 2 nodes, redis-adapter, both publishing",
					ServerKind.SOCKETIO, 2, 2, true, subscribers, rate, SIZE));
			publish();
			this.results.cluster2.add(this.scenarios.cluster("Socket.IO, 1 node, in-memory adapter", ServerKind.SOCKETIO,
					1, 1, false, subscribers, rate, SIZE));
			publish();
		}
	}

	/** STOMP's simple broker is far slower: start its searches lower so the first probe passes. */
	private static double firstRate(ServerKind kind, double rate) {
		return (kind == ServerKind.STOMP) ? rate / 4 : rate;
	}

	private void publish() throws Exception {
		Files.createDirectories(this.report.toAbsolutePath().getParent());
		new Report(this.settings, this.results, this.command).writeInto(this.report);
		if (this.settings.runsMain()) {
			new Chart(this.results, this.settings).write(this.report.resolveSibling("chart.png"));
		}
	}

	/**
	 * Connections that the server resets during a handshake storm or at shutdown are expected;
	 * the fleets count them. Without this, Reactor Netty logs each one with a stack trace.
	 */
	private static void quietLogs() {
		reactor.util.Loggers.useJdkLoggers();
		java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
		root.setLevel(java.util.logging.Level.SEVERE);
		for (java.util.logging.Handler handler : root.getHandlers()) {
			handler.setLevel(java.util.logging.Level.SEVERE);
		}
	}

	private static String option(String[] args, String name, String fallback) {
		String prefix = "--" + name + "=";
		return Arrays.stream(args).filter((a) -> a.startsWith(prefix)).map((a) -> a.substring(prefix.length()))
			.findFirst().orElse(fallback);
	}

}
