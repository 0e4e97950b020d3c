package dev.realtime.presence;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.realtime.ClientInfo;
import dev.realtime.PresenceStats;
import reactor.core.publisher.Mono;

/**
 * A {@link PresenceStore} in this node's memory, for a single node: its entries live exactly as
 * long as the connections that made them, so they need no expiry. A room without entries takes
 * no memory.
 */
public final class InMemoryPresenceStore implements PresenceStore {

	private final ConcurrentMap<String, ConcurrentMap<String, ClientInfo>> rooms = new ConcurrentHashMap<>();

	@Override
	public Mono<Void> add(String room, ClientInfo client) {
		return Mono.fromRunnable(() -> this.rooms.compute(room, (name, clients) -> {
			ConcurrentMap<String, ClientInfo> present = (clients != null) ? clients : new ConcurrentHashMap<>();
			present.put(client.connectionId(), client);
			return present;
		}));
	}

	@Override
	public Mono<Void> remove(String room, String connectionId) {
		return Mono.fromRunnable(() -> this.rooms.computeIfPresent(room, (name, clients) -> {
			clients.remove(connectionId);
			return clients.isEmpty() ? null : clients;
		}));
	}

	@Override
	public Mono<Map<String, ClientInfo>> presence(String room) {
		return Mono.fromSupplier(() -> {
			Map<String, ClientInfo> clients = this.rooms.get(room);
			return (clients != null) ? Map.copyOf(clients) : Map.of();
		});
	}

	@Override
	public Mono<PresenceStats> stats(String room) {
		return Mono.fromSupplier(() -> {
			Map<String, ClientInfo> clients = this.rooms.getOrDefault(room, new ConcurrentHashMap<>());
			Set<String> users = new HashSet<>();
			int connections = 0;
			for (ClientInfo client : clients.values()) {
				connections++;
				if (client.userId() != null) {
					users.add(client.userId());
				}
			}
			return new PresenceStats(connections, users.size());
		});
	}

	/** Number of rooms with someone present. */
	public int rooms() {
		return this.rooms.size();
	}

}
