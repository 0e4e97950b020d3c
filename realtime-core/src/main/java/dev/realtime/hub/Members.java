package dev.realtime.hub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.realtime.Connection;
import dev.realtime.metrics.RealtimeMetrics;

/**
 * A set of connections kept partitioned by lane, so that a fan-out is one task per event loop
 * rather than one per connection.
 */
final class Members {

	private final ConcurrentMap<Lane, Set<AbstractConnection>> byLane = new ConcurrentHashMap<>(4);

	private final AtomicInteger size = new AtomicInteger();

	boolean add(AbstractConnection connection) {
		boolean[] added = new boolean[1];
		this.byLane.compute(connection.lane(), (lane, set) -> {
			Set<AbstractConnection> members = (set != null) ? set : ConcurrentHashMap.newKeySet();
			added[0] = members.add(connection);
			return members;
		});
		if (added[0]) {
			this.size.incrementAndGet();
		}
		return added[0];
	}

	boolean remove(AbstractConnection connection) {
		boolean[] removed = new boolean[1];
		this.byLane.computeIfPresent(connection.lane(), (lane, set) -> {
			removed[0] = set.remove(connection);
			return set.isEmpty() ? null : set;
		});
		if (removed[0]) {
			this.size.decrementAndGet();
		}
		return removed[0];
	}

	boolean contains(AbstractConnection connection) {
		Set<AbstractConnection> members = this.byLane.get(connection.lane());
		return members != null && members.contains(connection);
	}

	int size() {
		return this.size.get();
	}

	boolean isEmpty() {
		return this.size.get() == 0;
	}

	/**
	 * Hands {@code frame} to every lane with members, which writes it to its own, encoded once
	 * per encoder; gives up the caller's reference.
	 */
	void deliver(OutboundFrame frame, RealtimeMetrics metrics) {
		try {
			this.byLane.forEach((lane, set) -> lane.deliver(frame, set, metrics));
		}
		finally {
			frame.release();
		}
	}

	/** The members now, as the hub's own type. */
	List<AbstractConnection> connections() {
		List<AbstractConnection> all = new ArrayList<>(size());
		this.byLane.values().forEach(all::addAll);
		return all;
	}

	Collection<Connection> snapshot() {
		List<Connection> all = new ArrayList<>(size());
		this.byLane.values().forEach(all::addAll);
		return all;
	}

}
