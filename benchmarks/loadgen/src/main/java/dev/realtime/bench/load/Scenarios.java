package dev.realtime.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import reactor.netty.resources.LoopResources;

/**
 * The scenarios of issue 6, each for one server at a time, each on a fresh server JVM, each
 * bounded in time and count.
 */
final class Scenarios {

	/** Probes per bisection: enough to land within 8% of the limit from a fair first guess. */
	private static final int MAX_PROBES = 7;

	private final Settings settings;

	private final LoopResources loops;

	Scenarios(Settings settings, LoopResources loops) {
		this.settings = settings;
		this.loops = loops;
	}

	/** Fixed-rate publishing into {@code rooms} rooms shared evenly by {@code subscribers} WebSockets. */
	FanOutResult fixedRate(String scenario, ServerKind kind, int subscribers, int rooms, double rate, int size) {
		System.out.printf("%s %s: %,d subscribers, %d room(s), %.0f msg/s, %d B%n", scenario, kind.label(),
				subscribers, rooms, rate, size);
		try (Session session = Session.open(this.settings, kind, this.loops, subscribers, roomOf(rooms), List.of(),
				List.of())) {
			String prefix = (rooms == 1) ? "r" : "m";
			print("warm-up", session.window(prefix, rooms, rate, this.settings.warmupSeconds(), size));
			List<WindowResult> windows = new ArrayList<>();
			for (int i = 0; i < this.settings.repetitions(); i++) {
				try {
					windows.add(print("window " + (i + 1), session.window(prefix, rooms, rate, this.settings.windowSeconds(), size)));
				}
				catch (RuntimeException ex) {
					String death = session.deathNote();
					throw death.isEmpty() ? ex : new IllegalStateException(death, ex);
				}
			}
			return new FanOutResult(scenario, kind, subscribers, rooms, rate, size, windows, null);
		}
		catch (Exception ex) {
			System.out.println("  failed: " + ex);
			return FanOutResult.skipped(scenario, kind, subscribers, rooms, rate, size, "failed: " + ex.getMessage());
		}
	}

	/**
	 * One configuration of the cluster scenario: {@code nodes} servers of {@code kind}, on a Redis
	 * of the scenario's own when {@code redis} (started for this configuration and stopped after
	 * it, so that its counters and CPU are this configuration's alone), {@code subscribers} in
	 * room {@code r} split evenly over the nodes, the first node publishing.
	 */
	ClusterResult cluster(String label, ServerKind kind, int nodes, boolean redis, int subscribers, double rate,
			int size) {
		System.out.printf("cluster %s: %d node(s)%s, %,d subscribers, %.0f msg/s, %d B%n", kind.label(), nodes,
				redis ? " on Redis" : "", subscribers, rate, size);
		RedisProcess server = null;
		try {
			server = redis ? RedisProcess.start(this.settings.logs()) : null;
			try (ClusterSession session = ClusterSession.open(this.settings, kind, this.loops, nodes, subscribers, server,
					(server != null) ? clusterProperties(kind, server.port()) : List.of())) {
				System.out.println("  warm-up: " + session.window(rate, this.settings.warmupSeconds(), size));
				List<ClusterWindowResult> windows = new ArrayList<>();
				for (int i = 0; i < this.settings.repetitions(); i++) {
					try {
						ClusterWindowResult window = session.window(rate, this.settings.windowSeconds(), size);
						System.out.println("  window " + (i + 1) + ": " + window);
						windows.add(window);
					}
					catch (RuntimeException ex) {
						String death = session.deathNote();
						throw death.isEmpty() ? ex : new IllegalStateException(death, ex);
					}
				}
				return new ClusterResult(label, kind, nodes, redis, subscribers, rate, size, windows, null);
			}
		}
		catch (Exception ex) {
			System.out.println("  failed: " + ex);
			return ClusterResult.skipped(label, kind, nodes, redis, subscribers, rate, size, "failed: " + ex.getMessage());
		}
		finally {
			if (server != null) {
				try {
					server.close();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}

	/** What points a node of {@code kind} at the Redis on {@code port}. */
	private static List<String> clusterProperties(ServerKind kind, int port) {
		if (kind == ServerKind.SOCKETIO) {
			return List.of("redis-port=" + port);
		}
		return List.of("realtime.broker.type=redis", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + port, "realtime.redis.key-prefix=bench:");
	}

	/**
	 * The highest rate into one room of {@code subscribers} at which every delivery arrives, no
	 * connection is lost, and p99 stays at most {@code p99LimitMicros}: a bisection per repetition, each starting
	 * from the previous one's answer.
	 */
	SearchResult search(String scenario, ServerKind kind, int subscribers, double firstRate, long p99LimitMicros) {
		System.out.printf("%s %s: %,d subscribers, highest rate with 100%% delivered and p99 <= %d ms%n", scenario,
				kind.label(), subscribers, p99LimitMicros / 1000);
		List<WindowResult> best = new ArrayList<>();
		List<WindowResult> probes = new ArrayList<>();
		String failure = null;
		Session session = null;
		try {
			session = Session.open(this.settings, kind, this.loops, subscribers, roomOf(1), List.of(), List.of());
			print("warm-up", session.window("r", 1, firstRate / 4, this.settings.warmupSeconds(), this.settings.size()));
			double start = firstRate;
			for (int rep = 0; rep < this.settings.repetitions(); rep++) {
				double low = 0;
				double high = Double.POSITIVE_INFINITY;
				double rate = start;
				WindowResult found = WindowResult.none();
				for (int probe = 0; probe < MAX_PROBES && rate >= 0.5; probe++) {
					if (!session.intact()) {
						// A slow-consumer disconnect in the last probe: start again from a full fleet.
						session.close();
						session = Session.open(this.settings, kind, this.loops, subscribers, roomOf(1), List.of(), List.of());
					}
					WindowResult window = session.window("r", 1, rate, this.settings.probeSeconds(), this.settings.size());
					probes.add(window);
					boolean pass = window.complete() && window.p99Micros() <= p99LimitMicros;
					print("probe " + (pass ? "pass" : "FAIL"), window);
					if (pass) {
						low = rate;
						found = window;
					}
					else {
						high = rate;
					}
					if (high != Double.POSITIVE_INFINITY && low > 0 && (high - low) / high <= 0.08) {
						break;
					}
					rate = (high == Double.POSITIVE_INFINITY) ? rate * 2 : (low > 0) ? (low + high) / 2 : rate / 2;
				}
				best.add(found);
				System.out.printf("  repetition %d: %.1f msg/s%n", rep + 1, found.rate());
				start = (low > 0) ? low : firstRate;
			}
		}
		catch (Exception ex) {
			String death = (session != null) ? session.deathNote() : "";
			failure = death.isEmpty() ? String.valueOf(ex.getMessage()) : death;
			System.out.println("  failed: " + ex + " " + death);
		}
		finally {
			closeQuietly(session);
		}
		return new SearchResult(scenario, kind, subscribers, p99LimitMicros, best, probes, failure);
	}

	/** Fixed-rate fan-out over Server-Sent Events; skipped with the reason when the server has none. */
	FanOutResult sse(ServerKind kind, int subscribers, double rate, int size) {
		System.out.printf("sse %s: %,d streams, %.0f msg/s%n", kind.label(), subscribers, rate);
		String path = kind.ssePath();
		if (path == null) {
			return FanOutResult.skipped("sse", kind, subscribers, 1, rate, size, "no SSE transport in this server");
		}
		try (ServerProcess server = ServerProcess.start(kind, this.settings.benchmarks(), this.settings.logs(),
				List.of(), List.of()); SseFleet fleet = new SseFleet(server.port(), path, this.loops)) {
			fleet.connect(1, "r", 1, Duration.ofSeconds(30));
			if (fleet.refusedStatus() != 0) {
				String why = "SSE endpoint not available (HTTP " + fleet.refusedStatus() + " from GET " + path + "?room=r)";
				System.out.println("  skipped: " + why);
				return FanOutResult.skipped("sse", kind, subscribers, 1, rate, size, why);
			}
			fleet.connect(subscribers - 1, "r", 256, Duration.ofMinutes(5));
			Session.awaitSubscriptions(server, subscribers, () -> "streams failed: " + fleet.failed());
			print("warm-up", Window.measure(server, fleet.deliveries(), () -> 0, "r", 1, subscribers, rate,
					this.settings.warmupSeconds(), size));
			List<WindowResult> windows = new ArrayList<>();
			for (int i = 0; i < this.settings.repetitions(); i++) {
				windows.add(print("window " + (i + 1), Window.measure(server, fleet.deliveries(), () -> 0, "r", 1,
						subscribers, rate, this.settings.windowSeconds(), size)));
			}
			return new FanOutResult("sse", kind, subscribers, 1, rate, size, windows, null);
		}
		catch (Exception ex) {
			System.out.println("  failed: " + ex);
			return FanOutResult.skipped("sse", kind, subscribers, 1, rate, size, "failed: " + ex.getMessage());
		}
	}

	/**
	 * Memory of {@code connections} idle WebSockets subscribed to one room, held for
	 * {@code holdSeconds}: heap after a full GC and process RSS, each against the same server
	 * with no connection.
	 */
	IdleResult idle(ServerKind kind, int connections, long holdSeconds, List<String> properties) {
		return idle(kind, connections, holdSeconds, properties, false);
	}

	/** As above; with {@code histogram}, also which classes the connections added to the heap. */
	IdleResult idle(ServerKind kind, int connections, long holdSeconds, List<String> properties, boolean histogram) {
		System.out.printf("idle %s: %,d connections, held %d s%n", kind.label(), connections, holdSeconds);
		ServerProcess started = null;
		try (ServerProcess server = ServerProcess.start(kind, this.settings.benchmarks(), this.settings.logs(),
				List.of(), properties); WebSocketFleet fleet = new WebSocketFleet(kind, server.port(), this.loops)) {
			started = server;
			Thread.sleep(2000);
			HeapHistogram classesBefore = histogram ? HeapHistogram.of(server.pid()) : null;
			Map<String, String> before = server.gc();
			long rssBefore = server.rssBytes();
			long start = System.nanoTime();
			fleet.connect(connections, (i) -> "lobby", 256, Duration.ofMinutes(10));
			Session.awaitSubscriptions(server, connections,
					() -> "connections failed: " + fleet.failed() + ", closed: " + fleet.closed());
			System.out.printf("  %,d subscribed in %.1f s%n", connections, (System.nanoTime() - start) / 1e9);
			Thread.sleep(holdSeconds * 1000);
			Map<String, String> after = server.gc();
			long rssAfter = server.rssBytes();
			long held = server.connections();
			List<HeapHistogram.ClassCost> classes = histogram
					? HeapHistogram.of(server.pid()).growthSince(classesBefore, connections, 20) : List.of();
			IdleResult result = new IdleResult(kind, connections, held, holdSeconds, Long.parseLong(before.get("heapUsed")),
					Long.parseLong(after.get("heapUsed")), rssBefore, rssAfter, direct(before), direct(after), classes, null);
			System.out.printf("  held %,d (client saw %d closed); heap %.0f B/conn, RSS %.0f B/conn, direct %.0f B/conn%n",
					held, fleet.closed(), result.heapPerConnection(), result.rssPerConnection(),
					result.directPerConnection());
			return result;
		}
		catch (Exception ex) {
			String death = (started != null) ? started.deathNote() : "";
			System.out.println("  failed: " + ex + " " + death);
			return IdleResult.failed(kind, connections, death.isEmpty() ? ex.getMessage() : death);
		}
	}

	/**
	 * Records our server with JFR during one fixed-rate fan-out window only (started and stopped
	 * with {@code jcmd}, so neither start-up nor connecting shows up), and summarizes it.
	 */
	JfrSummary profile(ServerKind kind, int subscribers, double rate, double seconds) {
		System.out.printf("profile %s: %,d subscribers, %.0f msg/s, %.0f s under JFR%n", kind.label(), subscribers, rate,
				seconds);
		java.nio.file.Path recording = this.settings.logs().resolve(kind.module() + "-fanout.jfr").toAbsolutePath();
		try {
			java.nio.file.Files.deleteIfExists(recording);
			try (Session session = Session.open(this.settings, kind, this.loops, subscribers, roomOf(1), List.of(),
					List.of())) {
				print("warm-up", session.window("r", 1, rate, this.settings.warmupSeconds(), this.settings.size()));
				long pid = session.server().pid();
				Jcmd.run(pid, "JFR.start", "name=bench", "settings=profile", "filename=" + recording);
				print("profiled", session.window("r", 1, rate, seconds, this.settings.size()));
				Jcmd.run(pid, "JFR.stop", "name=bench");
			}
			return JfrSummary.of(recording);
		}
		catch (Exception ex) {
			System.out.println("  failed: " + ex);
			return null;
		}
	}

	private static long direct(Map<String, String> memory) {
		String direct = memory.get("nettyDirect");
		return (direct != null) ? Long.parseLong(direct) : -1;
	}

	private static IntFunction<String> roomOf(int rooms) {
		return (rooms == 1) ? (i) -> "r" : (i) -> "m" + (i % rooms);
	}

	private static WindowResult print(String what, WindowResult window) {
		System.out.println("  " + what + ": " + window);
		return window;
	}

	private static void closeQuietly(Session session) {
		if (session != null) {
			try {
				session.close();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
