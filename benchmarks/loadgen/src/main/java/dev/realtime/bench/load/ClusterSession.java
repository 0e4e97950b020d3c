package dev.realtime.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.netty.resources.LoopResources;

/**
 * Several nodes of one server, each with its share of the subscribers of one room, all counted
 * into one {@link Deliveries}: a window expects every publication of the first node at every
 * subscriber of every node. With one node and no Redis it is the single-node baseline, measured
 * the same way.
 */
final class ClusterSession implements AutoCloseable {

	private static final int CONNECT_CONCURRENCY = 256;

	private final List<ServerProcess> nodes = new ArrayList<>();

	private final List<WebSocketFleet> fleets = new ArrayList<>();

	private final Deliveries deliveries = new Deliveries();

	private final @Nullable RedisProcess redis;

	private final int subscribers;

	private ClusterSession(@Nullable RedisProcess redis, int subscribers) {
		this.redis = redis;
		this.subscribers = subscribers;
	}

	/**
	 * Starts {@code nodes} servers of {@code kind} with {@code properties} (which point them at
	 * {@code redis}, if any), then connects {@code subscribers} to room {@code r}, split evenly
	 * over them, and waits until each node holds its share.
	 */
	static ClusterSession open(Settings settings, ServerKind kind, LoopResources loops, int nodes, int subscribers,
			@Nullable RedisProcess redis, List<String> properties) throws IOException, InterruptedException {
		ClusterSession session = new ClusterSession(redis, subscribers);
		try {
			for (int i = 0; i < nodes; i++) {
				session.nodes.add(ServerProcess.start(kind, settings.benchmarks(), settings.logs(), List.of(), properties));
			}
			long start = System.nanoTime();
			for (int i = 0; i < nodes; i++) {
				ServerProcess node = session.nodes.get(i);
				int share = subscribers / nodes + ((i < subscribers % nodes) ? 1 : 0);
				WebSocketFleet fleet = new WebSocketFleet(kind, node.port(), loops, session.deliveries);
				session.fleets.add(fleet);
				fleet.connect(share, (index) -> "r", CONNECT_CONCURRENCY, Duration.ofMinutes(5));
				Session.awaitSubscriptions(node, share,
						() -> "connections failed: " + fleet.failed() + ", closed: " + fleet.closed());
			}
			// As in Session: connections go to the old generation before any window measures.
			for (ServerProcess node : session.nodes) {
				node.gc();
			}
			System.out.printf("  %s: %,d subscribers over %d node(s) in %.1f s%n", kind.label(), subscribers, nodes,
					(System.nanoTime() - start) / 1e9);
			return session;
		}
		catch (RuntimeException ex) {
			String death = session.deathNote();
			session.close();
			throw death.isEmpty() ? ex : new IllegalStateException(death, ex);
		}
		catch (IOException ex) {
			session.close();
			throw ex;
		}
		catch (InterruptedException ex) {
			session.close();
			throw ex;
		}
	}

	/** One window: the first node publishes {@code rate} ticks/s into room {@code r}. */
	ClusterWindowResult window(double rate, double seconds, int size) throws InterruptedException {
		return window(1, rate, seconds, size);
	}

	/** One window: the first {@code publishers} nodes publish {@code rate} ticks/s between them into room {@code r}. */
	ClusterWindowResult window(int publishers, double rate, double seconds, int size) throws InterruptedException {
		return Window.measure(this.nodes, Math.min(publishers, this.nodes.size()), this.redis, this.deliveries,
				this::closed, "r", 1, this.subscribers, rate, seconds, size, false);
	}

	private long closed() {
		return this.fleets.stream().mapToLong(WebSocketFleet::closed).sum();
	}

	/** Why a node (or Redis) died, or empty. */
	String deathNote() {
		for (ServerProcess node : this.nodes) {
			String death = node.deathNote();
			if (!death.isEmpty()) {
				return death;
			}
		}
		if (this.redis != null && !this.redis.isAlive()) {
			return "redis-server exited, see " + this.redis.log();
		}
		return "";
	}

	@Override
	public void close() throws InterruptedException {
		for (WebSocketFleet fleet : this.fleets) {
			fleet.close();
		}
		for (ServerProcess node : this.nodes) {
			node.close();
		}
	}

}
