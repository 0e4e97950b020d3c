package dev.realtime.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.realtime.ClientInfo;
import dev.realtime.PresenceStats;
import dev.realtime.broker.BrokerUnavailableException;
import dev.realtime.presence.PresenceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A {@link PresenceStore} in Redis, shared by every node: per room, a hash of connection id to
 * info and a sorted set of when each entry expires. Redis 7.0 has no per-field expiry, so expired
 * entries are dropped on read, by the same script.
 * <p>
 * Each node refreshes the entries it made every {@code refreshInterval}, in one batch of one
 * script call per room sent together (Lettuce pipelines them), whatever the number of its
 * connections; a node that dies stops refreshing, and its entries vanish within {@code ttl}.
 */
public final class RedisPresenceStore implements PresenceStore, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RedisPresenceStore.class);

	private static final RedisScript ADD = RedisScript.load("presence-add");

	private static final RedisScript READ = RedisScript.load("presence-read");

	private final RedisConnections connections;

	private final RedisKeys keys;

	private final Duration ttl;

	private final Duration timeout;

	/** The entries this node made, by room, which it refreshes. */
	private final ConcurrentMap<String, ConcurrentMap<String, ClientInfo>> local = new ConcurrentHashMap<>();

	private final Disposable refresher;

	/**
	 * @param connections the connections to Redis
	 * @param keyPrefix what every key of the engine starts with
	 * @param ttl how long an entry lives without a refresh: how soon a dead node's users leave
	 * @param refreshInterval how often this node refreshes its entries; well under {@code ttl}
	 * @param timeout how long a call to Redis may take
	 */
	public RedisPresenceStore(RedisConnections connections, String keyPrefix, Duration ttl, Duration refreshInterval,
			Duration timeout) {
		this.connections = connections;
		this.keys = new RedisKeys(keyPrefix);
		this.ttl = ttl;
		this.timeout = timeout;
		this.refresher = Flux.interval(refreshInterval, refreshInterval, Schedulers.parallel())
			.onBackpressureDrop()
			.concatMap((tick) -> refresh().onErrorResume((ex) -> {
				logger.warn("Refreshing presence failed; trying again in {}", refreshInterval, ex);
				return Mono.empty();
			}))
			.subscribe();
	}

	@Override
	public Mono<Void> add(String room, ClientInfo client) {
		return Mono.defer(() -> {
			this.local.computeIfAbsent(room, (name) -> new ConcurrentHashMap<>()).put(client.connectionId(), client);
			return write(room, List.of(client));
		});
	}

	@Override
	public Mono<Void> remove(String room, String connectionId) {
		return Mono.defer(() -> {
			this.local.computeIfPresent(room, (name, clients) -> {
				clients.remove(connectionId);
				return clients.isEmpty() ? null : clients;
			});
			byte[] id = RedisScript.arg(connectionId);
			return call(Mono.when(this.connections.commands().hdel(this.keys.presence(room), id),
					this.connections.commands().zrem(this.keys.presenceExpiry(room), id)));
		});
	}

	@Override
	public Mono<Map<String, ClientInfo>> presence(String room) {
		return call(READ.run(this.connections.commands(),
				new byte[][] { this.keys.presence(room), this.keys.presenceExpiry(room) }))
			.map((reply) -> {
				Map<String, ClientInfo> clients = new HashMap<>();
				for (int i = 0; i + 1 < reply.size(); i += 2) {
					ClientInfo client = RedisMessage.client((byte[]) reply.get(i + 1), 0);
					clients.put(client.connectionId(), client);
				}
				return Map.copyOf(clients);
			});
	}

	@Override
	public Mono<PresenceStats> stats(String room) {
		return presence(room).map((clients) -> {
			Set<String> users = new HashSet<>();
			clients.values().forEach((client) -> {
				if (client.userId() != null) {
					users.add(client.userId());
				}
			});
			return new PresenceStats(clients.size(), users.size());
		});
	}

	/** Refreshes every entry this node made: one script call per room, sent together. */
	Mono<Void> refresh() {
		List<Mono<Void>> writes = new ArrayList<>(this.local.size());
		this.local.forEach((room, clients) -> writes.add(write(room, List.copyOf(clients.values()))));
		return Mono.when(writes);
	}

	private Mono<Void> write(String room, List<ClientInfo> clients) {
		if (clients.isEmpty()) {
			return Mono.empty();
		}
		byte[][] args = new byte[1 + clients.size() * 2][];
		args[0] = RedisScript.arg(this.ttl.toMillis());
		int i = 1;
		for (ClientInfo client : clients) {
			args[i++] = RedisScript.arg(client.connectionId());
			args[i++] = RedisMessage.json(client);
		}
		return call(ADD.run(this.connections.commands(),
				new byte[][] { this.keys.presence(room), this.keys.presenceExpiry(room) }, args)).then();
	}

	private <T> Mono<T> call(Mono<T> call) {
		return call.timeout(this.timeout)
			.onErrorMap((ex) -> new BrokerUnavailableException("Redis presence failed: " + ex.getMessage(), ex));
	}

	@Override
	public void close() {
		this.refresher.dispose();
	}

}
