package dev.realtime.websocket;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.realtime.CloseCodes;
import dev.realtime.Connection;
import dev.realtime.RealtimeHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Pings every WebSocket connection of the hub at a fixed interval and closes, with
 * {@link CloseCodes#IDLE_TIMEOUT}, those from which nothing (not even a pong) arrived within the
 * idle timeout. One timer serves every connection: none costs a timer of its own.
 */
public final class WebSocketHeartbeat implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(WebSocketHeartbeat.class);

	private final RealtimeHub hub;

	private final long idleTimeoutNanos;

	private final Disposable task;

	public WebSocketHeartbeat(RealtimeHub hub, Duration pingInterval, Duration idleTimeout) {
		this(hub, pingInterval, idleTimeout, Schedulers.parallel());
	}

	WebSocketHeartbeat(RealtimeHub hub, Duration pingInterval, Duration idleTimeout, Scheduler scheduler) {
		this.hub = hub;
		this.idleTimeoutNanos = idleTimeout.toNanos();
		long interval = pingInterval.toMillis();
		this.task = scheduler.schedulePeriodically(this::beat, interval, interval,
				TimeUnit.MILLISECONDS);
	}

	private void beat() {
		long now = System.nanoTime();
		for (Connection connection : this.hub.connections()) {
			if (connection instanceof WebSocketConnection webSocket) {
				if (now - webSocket.lastSeenNanos() > this.idleTimeoutNanos) {
					logger.debug("Closing idle {}", webSocket);
					webSocket.close(CloseCodes.IDLE_TIMEOUT, "idle timeout").subscribe();
				}
				else {
					webSocket.ping();
				}
			}
		}
	}

	@Override
	public void close() {
		this.task.dispose();
	}

}
