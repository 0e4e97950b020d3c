package dev.realtime.hub;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The connections of this node, by id, by user, and by lane for broadcasts.
 */
final class ConnectionRegistry {

	private final ConcurrentMap<String, AbstractConnection> byId = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, AtomicInteger> byUser = new ConcurrentHashMap<>();

	private final Members all = new Members();

	/** Registers {@code connection}; whether it was new. */
	boolean add(AbstractConnection connection) {
		if (this.byId.putIfAbsent(connection.id(), connection) != null) {
			return false;
		}
		this.all.add(connection);
		String user = connection.userId();
		if (user != null) {
			this.byUser.compute(user, (key, count) -> {
				AtomicInteger c = (count != null) ? count : new AtomicInteger();
				c.incrementAndGet();
				return c;
			});
		}
		return true;
	}

	/** Unregisters {@code connection}; whether it was registered. */
	boolean remove(AbstractConnection connection) {
		if (!this.byId.remove(connection.id(), connection)) {
			return false;
		}
		this.all.remove(connection);
		String user = connection.userId();
		if (user != null) {
			this.byUser.computeIfPresent(user, (key, count) -> (count.decrementAndGet() == 0) ? null : count);
		}
		return true;
	}

	@Nullable AbstractConnection get(String id) {
		return this.byId.get(id);
	}

	Collection<AbstractConnection> connections() {
		return Collections.unmodifiableCollection(this.byId.values());
	}

	Set<String> users() {
		return Set.copyOf(this.byUser.keySet());
	}

	int size() {
		return this.byId.size();
	}

	Members all() {
		return this.all;
	}

}
