package dev.realtime.security;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.HttpStatus;

/**
 * Handshakes being checked and authenticated on this node at once, at most {@code max}: in a
 * reconnect storm (a node restarted, a network back) the excess is refused at once with 503 and
 * a short {@code Retry-After}, instead of piling up behind an authenticator that looks users up
 * or a database it would flood.
 */
public final class ConcurrentHandshakes {

	/** Short: a handshake takes milliseconds, so places free up soon; clients add their jitter. */
	private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	private final int max;

	private final AtomicInteger inProgress = new AtomicInteger();

	private final LimitCounters counters;

	/**
	 * @param max handshakes in progress at once; -1 for no limit
	 * @param counters where refusals are counted
	 */
	public ConcurrentHandshakes(int max, LimitCounters counters) {
		this.max = max;
		this.counters = counters;
	}

	/**
	 * A place for one handshake, to release when its checks end, or a
	 * {@link HandshakeRejectedException} (503) when {@code max} are in progress.
	 */
	ConnectionPermit acquire() {
		if (this.inProgress.incrementAndGet() > this.max && this.max >= 0) {
			this.inProgress.decrementAndGet();
			this.counters.increment(LimitEvent.HANDSHAKES_CONCURRENT);
			throw refusal();
		}
		return new ConnectionPermit(this.inProgress::decrementAndGet);
	}

	static HandshakeRejectedException refusal() {
		return new HandshakeRejectedException(HttpStatus.SERVICE_UNAVAILABLE, "too many handshakes in progress",
				RETRY_AFTER);
	}

	/** Whether a handshake arriving now would be refused for the handshakes in progress. */
	boolean isFull() {
		return this.max >= 0 && this.inProgress.get() >= this.max;
	}

	/** Handshakes in progress now. */
	public int inProgress() {
		return this.inProgress.get();
	}

}
