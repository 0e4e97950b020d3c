package dev.realtime.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import reactor.netty.resources.LoopResources;

/** A server under test with its fleet of subscribers, all connected and subscribed. */
final class Session implements AutoCloseable {

	private static final int CONNECT_CONCURRENCY = 256;

	private final ServerProcess server;

	private final WebSocketFleet fleet;

	private final int subscribers;

	private Session(ServerProcess server, WebSocketFleet fleet, int subscribers) {
		this.server = server;
		this.fleet = fleet;
		this.subscribers = subscribers;
	}

	static Session open(Settings settings, ServerKind kind, LoopResources loops, int subscribers,
			IntFunction<String> roomOf, List<String> jvmOptions, List<String> properties)
			throws IOException, InterruptedException {
		return open(settings, kind, loops, subscribers, (i) -> List.of(roomOf.apply(i)), false, jvmOptions, properties);
	}

	/**
	 * As above, connection {@code i} subscribing to every room of {@code roomsOf(i)}, offering
	 * permessage-deflate when {@code compress}.
	 */
	static Session open(Settings settings, ServerKind kind, LoopResources loops, int subscribers,
			IntFunction<List<String>> roomsOf, boolean compress, List<String> jvmOptions, List<String> properties)
			throws IOException, InterruptedException {
		ServerProcess server = ServerProcess.start(kind, settings.benchmarks(), settings.logs(), jvmOptions, properties);
		WebSocketFleet fleet = new WebSocketFleet(kind, server.port(), loops).compress(compress);
		Session session = new Session(server, fleet, subscribers);
		long subscriptions = 0;
		for (int i = 0; i < subscribers; i++) {
			subscriptions += roomsOf.apply(i).size();
		}
		try {
			long start = System.nanoTime();
			fleet.connectMany(subscribers, roomsOf, CONNECT_CONCURRENCY, Duration.ofMinutes(5));
			awaitSubscriptions(server, subscriptions,
					() -> "connections failed: " + fleet.failed() + ", closed: " + fleet.closed());
			// Every server starts measuring with its connections already in the old generation:
			// otherwise the first young collection copies them all, a one-off pause of hundreds of
			// milliseconds that lands in whichever window comes first.
			server.gc();
			System.out.printf("  %s: %,d subscribers in %.1f s%n", kind.label(), subscribers,
					(System.nanoTime() - start) / 1e9);
			return session;
		}
		catch (RuntimeException ex) {
			String death = server.deathNote();
			session.close();
			throw death.isEmpty() ? ex : new IllegalStateException(death, ex);
		}
		catch (InterruptedException ex) {
			session.close();
			throw ex;
		}
	}

	static void awaitSubscriptions(ServerProcess server, long expected, Supplier<String> detail)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		long subscriptions = 0;
		while (System.nanoTime() < deadline) {
			subscriptions = server.subscriptions();
			if (subscriptions >= expected) {
				return;
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException(server.kind() + " holds " + subscriptions + " of " + expected
				+ " subscriptions (" + detail.get() + ")");
	}

	ServerProcess server() {
		return this.server;
	}

	WebSocketFleet fleet() {
		return this.fleet;
	}

	/** Whether every subscriber is still connected. */
	boolean intact() {
		return this.fleet.closed() == 0 && this.server.isAlive();
	}

	/** Why the server died, or empty. */
	String deathNote() {
		return this.server.deathNote();
	}

	/** One measured window into room {@code room}, or {@code rooms} rooms named {@code room0…}. */
	WindowResult window(String room, int rooms, double rate, double seconds, int size) throws InterruptedException {
		return Window.measure(this.server, this.fleet.deliveries(), this.fleet::closed, room, rooms,
				this.subscribers / rooms, rate, seconds, size);
	}

	/**
	 * One measured window into {@code rooms} rooms of {@code perRoom} subscribers each; with
	 * {@code document}, realistic JSON documents of about {@code size} bytes.
	 */
	WindowResult window(String room, int rooms, long perRoom, double rate, double seconds, int size, boolean document)
			throws InterruptedException {
		return Window.measure(this.server, this.fleet.deliveries(), this.fleet::closed, room, rooms, perRoom, rate,
				seconds, size, document);
	}

	@Override
	public void close() throws InterruptedException {
		this.fleet.close();
		this.server.close();
	}

}
