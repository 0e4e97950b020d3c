package dev.realtime.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.realtime.analytics.AnalyticsSnapshot;
import dev.realtime.analytics.AnalyticsStore;
import dev.realtime.broker.BrokerUnavailableException;
import io.lettuce.core.SetArgs;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * An {@link AnalyticsStore} in Redis, shared by every node, so that the counts are the
 * cluster's: per day, a hash of counts by type and a HyperLogLog of visitors
 * ({@code PFADD}/{@code PFCOUNT}, 12 KB at most), both kept two days; and a sorted set of
 * visitors by when they were last seen, trimmed to the active window. Recording an event is one
 * script call, and so is a snapshot. The keys share the hash tag {@code {~analytics}} (no room
 * name has a {@code ~}), so that the scripts touch one slot, also in Redis Cluster.
 */
public final class RedisAnalyticsStore implements AnalyticsStore {

	private static final RedisScript RECORD = RedisScript.load("analytics-record");

	private static final RedisScript READ = RedisScript.load("analytics-read");

	/** A day's keys outlive it, so that a snapshot taken just after midnight still finds them. */
	private static final long DAY_KEYS_TTL_SECONDS = Duration.ofDays(2).toSeconds();

	private final RedisConnections connections;

	private final String keyPrefix;

	private final Duration activeWindow;

	private final int maxEventTypes;

	private final Duration timeout;

	/** Written into the slots this store claims, to tell who claimed one when looking at Redis. */
	private final byte[] nodeId;

	/**
	 * @param connections the connections to Redis
	 * @param keyPrefix what every key of the engine starts with
	 * @param activeWindow how long a visitor counts as active after it was last seen
	 * @param maxEventTypes the most event types counted apart in a day
	 * @param timeout how long a call to Redis may take
	 */
	public RedisAnalyticsStore(RedisConnections connections, String keyPrefix, Duration activeWindow,
			int maxEventTypes, Duration timeout) {
		this.connections = connections;
		this.keyPrefix = keyPrefix + "{~analytics}:";
		this.activeWindow = activeWindow;
		this.maxEventTypes = maxEventTypes;
		this.timeout = timeout;
		this.nodeId = RedisScript.arg(UUID.randomUUID());
	}

	@Override
	public Mono<Void> record(LocalDate day, String type, @Nullable String visitor, Instant at) {
		long now = at.toEpochMilli();
		return call(RECORD.run(this.connections.commands(), keys(day), RedisScript.arg(type),
				RedisScript.arg(this.maxEventTypes), RedisScript.arg(OTHER), RedisScript.arg((visitor != null) ? visitor : ""),
				RedisScript.arg(now), RedisScript.arg(now - this.activeWindow.toMillis()),
				RedisScript.arg(DAY_KEYS_TTL_SECONDS), RedisScript.arg(this.activeWindow.toMillis())))
			.then();
	}

	@Override
	public Mono<AnalyticsSnapshot> snapshot(LocalDate day, Instant now) {
		return call(READ.run(this.connections.commands(), keys(day),
				RedisScript.arg(now.toEpochMilli() - this.activeWindow.toMillis())))
			.map((reply) -> {
				List<?> flat = (List<?>) reply.get(0);
				Map<String, Long> events = new HashMap<>();
				for (int i = 0; i + 1 < flat.size(); i += 2) {
					events.put(string(flat.get(i)), Long.parseLong(string(flat.get(i + 1))));
				}
				return AnalyticsSnapshot.of(day, events, (Long) reply.get(1), (Long) reply.get(2), this.activeWindow,
						now);
			});
	}

	@Override
	public Mono<Boolean> claim(long slot, Duration ttl) {
		byte[] key = (this.keyPrefix + "publish:" + slot).getBytes(StandardCharsets.UTF_8);
		return call(this.connections.commands().set(key, this.nodeId, SetArgs.Builder.nx().px(ttl)))
			.map("OK"::equals)
			.defaultIfEmpty(false);
	}

	private byte[][] keys(LocalDate day) {
		return new byte[][] { key(day + ":events"), key(day + ":visitors"), key("active") };
	}

	private byte[] key(String name) {
		return (this.keyPrefix + name).getBytes(StandardCharsets.UTF_8);
	}

	private static String string(Object value) {
		return new String((byte[]) value, StandardCharsets.UTF_8);
	}

	private <T> Mono<T> call(Mono<T> call) {
		return call.timeout(this.timeout)
			.onErrorMap((ex) -> new BrokerUnavailableException("Redis analytics failed: " + ex.getMessage(), ex));
	}

}
