package dev.realtime.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The most connections this node takes, in total and per user. Places are taken atomically at
 * the handshake, before the upgrade, so a burst of simultaneous handshakes cannot overshoot
 * them the way counting registered connections would.
 */
public final class ConnectionLimits {

	private final int maxConnections;

	private final int maxPerUser;

	private final LimitCounters counters;

	private final AtomicInteger total = new AtomicInteger();

	private final ConcurrentMap<String, Integer> perUser = new ConcurrentHashMap<>();

	/**
	 * @param maxConnections the most connections in total; negative for no limit
	 * @param maxPerUser the most connections of one user; negative for no limit. Anonymous
	 * connections have no user, and only the total bounds them
	 * @param counters where refusals are counted
	 */
	public ConnectionLimits(int maxConnections, int maxPerUser, LimitCounters counters) {
		this.maxConnections = maxConnections;
		this.maxPerUser = maxPerUser;
		this.counters = counters;
	}

	/**
	 * A place for a connection of {@code userId}.
	 * @throws HandshakeRejectedException 503 when the node is full, 429 when the user is
	 */
	public ConnectionPermit acquire(@Nullable String userId) {
		if (!acquireTotal()) {
			this.counters.increment(LimitEvent.CONNECTIONS_EXCEEDED);
			throw new HandshakeRejectedException(HttpStatus.SERVICE_UNAVAILABLE, "too many connections");
		}
		if (userId != null && this.maxPerUser >= 0 && !acquireUser(userId)) {
			this.total.decrementAndGet();
			this.counters.increment(LimitEvent.USER_CONNECTIONS_EXCEEDED);
			throw new HandshakeRejectedException(HttpStatus.TOO_MANY_REQUESTS, "too many connections for this user");
		}
		return new ConnectionPermit(() -> release(userId));
	}

	/** Connections holding a place now. */
	public int connections() {
		return this.total.get();
	}

	void release(@Nullable String userId) {
		if (userId != null && this.maxPerUser >= 0) {
			this.perUser.computeIfPresent(userId, (user, count) -> (count > 1) ? count - 1 : null);
		}
		this.total.decrementAndGet();
	}

	private boolean acquireTotal() {
		for (;;) {
			int count = this.total.get();
			if (this.maxConnections >= 0 && count >= this.maxConnections) {
				return false;
			}
			if (this.total.compareAndSet(count, count + 1)) {
				return true;
			}
		}
	}

	private boolean acquireUser(String userId) {
		boolean[] acquired = new boolean[1];
		this.perUser.compute(userId, (user, count) -> {
			int current = (count != null) ? count : 0;
			acquired[0] = current < this.maxPerUser;
			return acquired[0] ? current + 1 : count;
		});
		return acquired[0];
	}

}
