package dev.realtime.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.realtime.CloseCodes;
import dev.realtime.Connection;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.security.HandshakeGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Drains the node when the application stops, before the web server stops (its phase is the
 * latest, so it stops first): handshakes are refused with 503 and {@code Retry-After} from the
 * first moment, then the connections are closed with {@link CloseCodes#GOING_AWAY} in batches
 * spread over the drain period, each after the frames already queued for it, so that their
 * clients reconnect to the other nodes a few at a time rather than all in the same second.
 * Spring Boot has turned readiness to {@code REFUSING_TRAFFIC} already, as the context closes.
 * <p>
 * Stopping takes at most the timeout, whatever the state of the event loops: a connection closes
 * on its event loop, which may be stuck, or terminated and refusing work (after an
 * {@link OutOfMemoryError}, say). Each connection is closed on its own, so one that cannot be
 * does not keep the others from hearing {@code 1001}; and none is waited for past the timeout,
 * so that the process can exit.
 */
public class RealtimeShutdown implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RealtimeShutdown.class);

	/** Time between two batches when the batch size is left to the drain. */
	private static final Duration BATCH_INTERVAL = Duration.ofMillis(100);

	private final DefaultRealtimeHub hub;

	private final HandshakeGuard guard;

	private final Duration timeout;

	private final Duration drainPeriod;

	private final int batchSize;

	private volatile boolean running;

	/**
	 * @param drainPeriod time to spread the closes over, at most half the timeout
	 * @param batchSize connections closed per batch, or 0 for as many as spreads them a batch
	 * every 100 ms
	 */
	public RealtimeShutdown(DefaultRealtimeHub hub, HandshakeGuard guard, Duration timeout, Duration drainPeriod,
			int batchSize) {
		this.hub = hub;
		this.guard = guard;
		this.timeout = timeout;
		// The closes must be sent early enough for their clients to read them within the timeout.
		this.drainPeriod = (drainPeriod.compareTo(timeout.dividedBy(2)) > 0) ? timeout.dividedBy(2) : drainPeriod;
		this.batchSize = batchSize;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.guard.drain();
		List<Connection> connections = List.copyOf(this.hub.connections());
		long started = System.nanoTime();
		Mono<Void> closing = drain(connections)
			.doOnSuccess((done) -> this.hub.metrics().drained(connections.size(), System.nanoTime() - started))
			// Then what opened meanwhile, if anything did, and the hub's own subscriptions.
			.then(Mono.defer(this.hub::shutdown).onErrorResume((ex) -> {
				logger.warn("Realtime hub did not shut down cleanly: {}", ex.toString());
				return Mono.empty();
			}));
		try {
			// Blocking with a timeout needs no scheduler but the drain's timer.
			closing.block(this.timeout);
		}
		catch (IllegalStateException ex) {
			logger.warn("Stopped waiting for realtime connections to close after {} ({} still registered)",
					this.timeout, this.hub.connectionCount());
		}
	}

	/** Closes {@code connections} in batches, the first at once and the last at the drain period's end. */
	private Mono<Void> drain(List<Connection> connections) {
		int count = connections.size();
		int batches;
		int size;
		if (this.batchSize > 0) {
			size = this.batchSize;
			batches = (count + size - 1) / size;
		}
		else {
			batches = (int) Math.max(1, Math.min(count, this.drainPeriod.toNanos() / BATCH_INTERVAL.toNanos()));
			size = (count + batches - 1) / batches;
		}
		Duration interval = (batches > 1) ? this.drainPeriod.dividedBy(batches - 1) : Duration.ZERO;
		if (batches > 1) {
			logger.info("Draining {} realtime connections in {} batches over {}", count, batches, this.drainPeriod);
		}
		return Flux.range(0, batches)
			.delayUntil((batch) -> (batch == 0) ? Mono.empty() : Mono.delay(interval))
			.flatMap((batch) -> Flux
				.fromIterable(connections.subList(batch * size, Math.min(count, (batch + 1) * size)))
				.flatMap(RealtimeShutdown::goAway))
			.then();
	}

	/**
	 * Not stopped when the context is only paused (as the test framework pauses the contexts it
	 * caches): a drain refuses every later handshake, and a paused context may serve again.
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static Mono<Void> goAway(Connection connection) {
		return Mono.defer(() -> connection.close(CloseCodes.GOING_AWAY, "server shutting down"))
			.onErrorResume((ex) -> {
				logger.warn("Could not close {}: {}", connection, ex.toString());
				return Mono.empty();
			});
	}

}
