package dev.realtime.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

import reactor.netty.resources.LoopResources;

/**
 * The scenarios of issue 6, each for one server at a time, each on a fresh server JVM, each
 * bounded in time and count.
 */
final class Scenarios {

	/** Connections opened and closed before an idle baseline is taken. */
	private static final int WARM_UP = 200;

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
		return clusterRun(label, kind, nodes, 1, redis, subscribers, rate, size);
	}

	private ClusterResult clusterRun(String label, ServerKind kind, int nodes, int publishers, boolean redis,
			int subscribers, double rate, int size) {
		System.out.printf("cluster %s: %d node(s)%s, %,d subscribers, %.0f msg/s, %d B%n", kind.label(), nodes,
				redis ? " on Redis" : "", subscribers, rate, size);
		RedisProcess server = null;
		try {
			server = redis ? RedisProcess.start(this.settings.logs()) : null;
			try (ClusterSession session = ClusterSession.open(this.settings, kind, this.loops, nodes, subscribers, server,
					(server != null) ? clusterProperties(kind, server.port()) : List.of())) {
				System.out.println("  warm-up: " + session.window(publishers, rate, this.settings.warmupSeconds(), size));
				List<ClusterWindowResult> windows = new ArrayList<>();
				for (int i = 0; i < this.settings.repetitions(); i++) {
					try {
						ClusterWindowResult window = session.window(publishers, rate, this.settings.windowSeconds(), size);
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

	// ---- Issue 14 ----

	/**
	 * One server session of {@code subscribers} WebSockets, connection {@code i} subscribed to
	 * {@code roomsOf(i)}, measured at each payload size in turn (a warm-up and
	 * {@code repetitions} windows per size): one {@link FanOutResult} per size, all labelled
	 * {@code scenario}. {@code rooms} and {@code perRoom} describe how the publisher spreads ticks
	 * ({@code prefix0…} when {@code rooms > 1}) and what each publication should reach;
	 * {@code label} is what the result's {@code rooms} field records (rooms, or rooms per
	 * connection for that curve).
	 */
	List<FanOutResult> sizes(String scenario, ServerKind kind, int subscribers, IntFunction<List<String>> roomsOf,
			String prefix, int rooms, long perRoom, int label, double rate, int[] sizes, boolean document,
			boolean compress, List<String> jvmOptions, List<String> properties) {
		System.out.printf("%s %s: %,d subscribers, %d room(s), %.0f msg/s, sizes %s%s%n", scenario, kind.label(),
				subscribers, rooms, rate, java.util.Arrays.toString(sizes), compress ? ", compression offered" : "");
		List<FanOutResult> results = new ArrayList<>();
		try (Session session = Session.open(this.settings, kind, this.loops, subscribers, roomsOf, compress, jvmOptions,
				properties)) {
			for (int size : sizes) {
				print("warm-up " + size + " B", session.window(prefix, rooms, perRoom, rate, this.settings.warmupSeconds(),
						size, document));
				List<WindowResult> windows = new ArrayList<>();
				for (int i = 0; i < this.settings.repetitions(); i++) {
					try {
						windows.add(print("window " + (i + 1), session.window(prefix, rooms, perRoom, rate,
								this.settings.windowSeconds(), size, document)));
					}
					catch (RuntimeException ex) {
						String death = session.deathNote();
						throw death.isEmpty() ? ex : new IllegalStateException(death, ex);
					}
				}
				results.add(new FanOutResult(scenario, kind, subscribers, label, rate, size, windows, null));
			}
		}
		catch (Exception ex) {
			System.out.println("  failed: " + ex);
			for (int size : sizes) {
				if (results.stream().noneMatch((r) -> r.size() == size)) {
					results.add(FanOutResult.skipped(scenario, kind, subscribers, label, rate, size,
							"failed: " + ex.getMessage()));
				}
			}
		}
		return results;
	}

	/** One room of {@code subscribers}; GC logged when {@code gcLog}. */
	FanOutResult oneRoom(String scenario, ServerKind kind, int subscribers, double rate, int size, boolean gcLog) {
		List<String> jvm = gcLog ? List.of(GcLog.option(this.settings.logs()
			.resolve(kind.module() + "-" + scenario + "-" + System.currentTimeMillis() + "-gc.log"))) : List.of();
		return sizes(scenario, kind, subscribers, (i) -> List.of("r"), "r", 1, subscribers, 1, rate, new int[] { size },
				false, false, jvm, List.of()).get(0);
	}

	/**
	 * {@code connections} WebSockets, each subscribed to {@code perConnection} of
	 * {@code connections × perConnection / fanOut} rooms, so that every room has {@code fanOut}
	 * members whatever {@code perConnection} is; ticks go to a room chosen at random.
	 */
	FanOutResult roomsPerConnection(ServerKind kind, int connections, int perConnection, int fanOut, double rate) {
		int rooms = connections * perConnection / fanOut;
		IntFunction<List<String>> roomsOf = (i) -> {
			List<String> names = new ArrayList<>(perConnection);
			for (int j = 0; j < perConnection; j++) {
				names.add("m" + ((i * perConnection + j) % rooms));
			}
			return names;
		};
		return sizes("curve-rooms", kind, connections, roomsOf, "m", rooms, fanOut, perConnection, rate,
				new int[] { this.settings.size() }, false, false, List.of(), List.of()).get(0);
	}

	/**
	 * Opens {@value #WARM_UP} connections of the transport, subscribes them and closes them
	 * again before the baseline is taken: what the first connections of a server make once (its
	 * caches, pools, the room itself) is then not counted per connection, for any server.
	 */
	private void warmUp(ServerProcess server, ServerKind kind, boolean sse) throws Exception {
		if (sse) {
			try (SseFleet fleet = new SseFleet(server.port(), kind.ssePath(), this.loops)) {
				fleet.connect(WARM_UP, "lobby", 64, Duration.ofMinutes(1));
				Session.awaitSubscriptions(server, WARM_UP, () -> "warm-up connections failed: " + fleet.failed());
			}
		}
		else {
			try (WebSocketFleet fleet = new WebSocketFleet(kind, server.port(), this.loops)) {
				fleet.connect(WARM_UP, (i) -> "lobby", 64, Duration.ofMinutes(1));
				Session.awaitSubscriptions(server, WARM_UP, () -> "warm-up connections failed: " + fleet.failed());
			}
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (server.connections() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
	}

	/**
	 * Idle connections of one transport ({@code sse} or WebSocket), memory as {@link #idle}, then
	 * whether the server still answers: a fresh client connects and subscribes, and one
	 * publication must reach every connection.
	 */
	IdleCheck idleCheck(ServerKind kind, boolean sse, int connections, long holdSeconds, List<String> properties) {
		String transport = sse ? "SSE" : "WebSocket";
		System.out.printf("idle %s %s: %,d connections, held %d s%n", transport, kind.label(), connections, holdSeconds);
		ServerProcess started = null;
		WebSocketFleet ws = null;
		SseFleet streams = null;
		WebSocketFleet freshWs = null;
		SseFleet freshSse = null;
		try (ServerProcess server = ServerProcess.start(kind, this.settings.benchmarks(), this.settings.logs(),
				List.of(), properties)) {
			started = server;
			Thread.sleep(2000);
			warmUp(server, kind, sse);
			Map<String, String> before = server.gc();
			long rssBefore = server.rssBytes();
			long start = System.nanoTime();
			LongSupplier refused;
			LongSupplier closed;
			Deliveries deliveries;
			if (sse) {
				SseFleet fleet = new SseFleet(server.port(), kind.ssePath(), this.loops);
				streams = fleet;
				fleet.connect(connections, "lobby", 256, Duration.ofMinutes(10));
				refused = () -> fleet.failed() + ((fleet.refusedStatus() != 0) ? 1 : 0);
				closed = () -> 0;
				deliveries = fleet.deliveries();
			}
			else {
				WebSocketFleet fleet = new WebSocketFleet(kind, server.port(), this.loops);
				ws = fleet;
				fleet.connect(connections, (i) -> "lobby", 256, Duration.ofMinutes(10));
				refused = fleet::failed;
				closed = fleet::closed;
				deliveries = fleet.deliveries();
			}
			Session.awaitSubscriptions(server, connections,
					() -> "connections failed: " + refused.getAsLong() + ", closed: " + closed.getAsLong());
			System.out.printf("  %,d subscribed in %.1f s%n", connections, (System.nanoTime() - start) / 1e9);
			Thread.sleep(holdSeconds * 1000);
			Map<String, String> after = server.gc();
			long rssAfter = server.rssBytes();
			long held = server.connections();
			IdleResult memory = new IdleResult(kind, connections, held, holdSeconds, Long.parseLong(before.get("heapUsed")),
					Long.parseLong(after.get("heapUsed")), rssBefore, rssAfter, direct(before), direct(after), List.of(),
					null);
			// The server still answers: one more client, then one publication to everybody.
			long freshStart = System.nanoTime();
			Deliveries freshDeliveries;
			if (sse) {
				freshSse = new SseFleet(server.port(), kind.ssePath(), this.loops);
				freshSse.connect(1, "lobby", 1, Duration.ofSeconds(30));
				freshDeliveries = freshSse.deliveries();
			}
			else {
				freshWs = new WebSocketFleet(kind, server.port(), this.loops);
				freshWs.connect(1, (i) -> "lobby", 1, Duration.ofSeconds(30));
				freshDeliveries = freshWs.deliveries();
			}
			double freshMillis = -1;
			try {
				Session.awaitSubscriptions(server, connections + 1L, () -> "fresh client not subscribed");
				freshMillis = (System.nanoTime() - freshStart) / 1e6;
			}
			catch (IllegalStateException ex) {
				System.out.println("  fresh client: " + ex.getMessage());
			}
			long seenBefore = deliveries.seen() + freshDeliveries.seen();
			server.startPublisher("lobby", 1, 1, 1, this.settings.size());
			long expected = connections + 1L;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
			long received = 0;
			while (System.nanoTime() < deadline) {
				received = deliveries.seen() + freshDeliveries.seen() - seenBefore;
				if (received >= expected) {
					break;
				}
				Thread.sleep(50);
			}
			IdleCheck check = new IdleCheck(transport, memory, refused.getAsLong(), closed.getAsLong(), freshMillis,
					expected, received, null);
			System.out.printf("  held %,d; heap %.0f B/conn, RSS %.0f B/conn; refused %d, closed %d; fresh client %.0f ms;"
					+ " probe %,d of %,d%n", held, memory.heapPerConnection(), memory.rssPerConnection(), check.refused(),
					check.closed(), freshMillis, received, expected);
			return check;
		}
		catch (Exception ex) {
			String death = (started != null) ? started.deathNote() : "";
			System.out.println("  failed: " + ex + " " + death);
			return IdleCheck.failed(transport, kind, connections, death.isEmpty() ? String.valueOf(ex.getMessage()) : death);
		}
		finally {
			for (AutoCloseable fleet : new AutoCloseable[] { ws, streams, freshWs, freshSse }) {
				if (fleet != null) {
					try {
						fleet.close();
					}
					catch (Exception ex) {
						// closing anyway
					}
				}
			}
		}
	}

	/** As {@link #cluster}, with the first {@code publishers} nodes each publishing {@code rate / publishers}. */
	ClusterResult cluster(String label, ServerKind kind, int nodes, int publishers, boolean redis, int subscribers,
			double rate, int size) {
		return clusterRun(label, kind, nodes, publishers, redis, subscribers, rate, size);
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
