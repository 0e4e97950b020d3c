package dev.realtime.hub;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.realtime.CloseCodes;
import dev.realtime.Connection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps one transport's connections alive: at a fixed interval it sends each a heartbeat (a
 * WebSocket ping, an SSE comment) and, when an idle timeout is set, closes with
 * {@link CloseCodes#IDLE_TIMEOUT} those from which nothing (not even a pong) arrived within it.
 * One timer serves every connection: none costs a timer of its own.
 */
public final class Heartbeat implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Heartbeat.class);

	private final DefaultRealtimeHub hub;

	private final Class<? extends AbstractConnection> transport;

	private final long idleTimeoutNanos;

	private final Disposable task;

	/**
	 * @param hub whose connections to keep alive
	 * @param transport the kind of connection this heartbeat serves
	 * @param interval time between heartbeats
	 * @param idleTimeout silence after which a connection is closed, {@code null} for never
	 */
	public Heartbeat(DefaultRealtimeHub hub, Class<? extends AbstractConnection> transport, Duration interval,
			@Nullable Duration idleTimeout) {
		this.hub = hub;
		this.transport = transport;
		this.idleTimeoutNanos = (idleTimeout != null) ? idleTimeout.toNanos() : Long.MAX_VALUE;
		long period = interval.toMillis();
		this.task = Schedulers.parallel().schedulePeriodically(this::beat, period, period, TimeUnit.MILLISECONDS);
	}

	private void beat() {
		long now = System.nanoTime();
		for (Connection connection : this.hub.connections()) {
			if (this.transport.isInstance(connection)) {
				AbstractConnection beating = (AbstractConnection) connection;
				if (now - beating.lastSeenNanos() > this.idleTimeoutNanos) {
					logger.debug("Closing idle {}", beating);
					beating.close(CloseCodes.IDLE_TIMEOUT, "idle timeout").subscribe();
				}
				else {
					beating.heartbeat();
				}
			}
		}
	}

	@Override
	public void close() {
		this.task.dispose();
	}

}
