package dev.realtime.autoconfigure;

import java.time.Duration;

import dev.realtime.CloseCodes;
import dev.realtime.Connection;
import dev.realtime.hub.DefaultRealtimeHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Closes every connection with {@link CloseCodes#GOING_AWAY} when the application stops, before
 * the web server does, so clients reconnect elsewhere instead of timing out.
 * <p>
 * Stopping takes at most the timeout, whatever the state of the event loops: a connection closes
 * on its event loop, which may be stuck, or terminated and refusing work (after an
 * {@link OutOfMemoryError}, say). Each connection is closed on its own, so one that cannot be
 * does not keep the others from hearing {@code 1001}; and none is waited for past the timeout,
 * so that the process can exit.
 */
public class RealtimeShutdown implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RealtimeShutdown.class);

	private final DefaultRealtimeHub hub;

	private final Duration timeout;

	private volatile boolean running;

	public RealtimeShutdown(DefaultRealtimeHub hub, Duration timeout) {
		this.hub = hub;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		Mono<Void> closing = Mono.when(Flux.fromIterable(this.hub.connections()).flatMap(RealtimeShutdown::goAway),
				Mono.defer(this.hub::shutdown).onErrorResume((ex) -> {
					logger.warn("Realtime hub did not shut down cleanly: {}", ex.toString());
					return Mono.empty();
				}));
		try {
			// Blocking with a timeout needs no scheduler, which may be gone as well.
			closing.block(this.timeout);
		}
		catch (IllegalStateException ex) {
			logger.warn("Stopped waiting for realtime connections to close after {} ({} still registered)",
					this.timeout, this.hub.connectionCount());
		}
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
