package dev.realtime.hub;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.realtime.broker.Broker;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.protocol.ProtocolCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rooms with members on this node. A room is created by its first member, which also
 * subscribes it to the broker, and removed with its last, which unsubscribes it.
 */
final class RoomRegistry {

	private static final Logger logger = LoggerFactory.getLogger(RoomRegistry.class);

	private final ConcurrentMap<String, LocalRoom> rooms = new ConcurrentHashMap<>();

	private final Broker broker;

	private final ProtocolCodec codec;

	private final RealtimeMetrics metrics;

	private final AtomicInteger memberships = new AtomicInteger();

	RoomRegistry(Broker broker, ProtocolCodec codec, RealtimeMetrics metrics) {
		this.broker = broker;
		this.codec = codec;
		this.metrics = metrics;
	}

	/**
	 * Adds {@code connection} to {@code name}, unless the room has {@code maxMembers} members
	 * already (negative for no limit). The check and the join are one step, so concurrent joins
	 * never overshoot the limit.
	 */
	JoinResult join(String name, AbstractConnection connection, int maxMembers) {
		JoinResult[] result = new JoinResult[1];
		this.rooms.compute(name, (key, existing) -> {
			if (existing != null && existing.members().contains(connection)) {
				result[0] = JoinResult.ALREADY_MEMBER;
				return existing;
			}
			int size = (existing != null) ? existing.members().size() : 0;
			if (maxMembers >= 0 && size >= maxMembers) {
				result[0] = JoinResult.FULL;
				return existing;
			}
			LocalRoom room = (existing != null) ? existing : open(key);
			room.members().add(connection);
			result[0] = JoinResult.JOINED;
			return room;
		});
		if (result[0] == JoinResult.JOINED) {
			connection.addRoom(name);
			this.memberships.incrementAndGet();
		}
		return result[0];
	}

	/** Removes {@code connection} from {@code name}; whether it was a member. */
	boolean leave(String name, AbstractConnection connection) {
		boolean[] left = new boolean[1];
		this.rooms.computeIfPresent(name, (key, room) -> {
			left[0] = room.members().remove(connection);
			if (room.members().isEmpty()) {
				room.dispose();
				return null;
			}
			return room;
		});
		connection.removeRoom(name);
		if (left[0]) {
			this.memberships.decrementAndGet();
		}
		return left[0];
	}

	@Nullable LocalRoom get(String name) {
		return this.rooms.get(name);
	}

	Set<String> names() {
		return Set.copyOf(this.rooms.keySet());
	}

	int size() {
		return this.rooms.size();
	}

	/** Number of memberships: connections in rooms, counted once per room. */
	int memberships() {
		return this.memberships.get();
	}

	private LocalRoom open(String name) {
		LocalRoom room = new LocalRoom(name, this.codec, this.metrics);
		room.subscribed(this.broker.subscribe(name)
			.subscribe(room::deliver, (ex) -> logger.error("Subscription of room '{}' failed", name, ex)));
		return room;
	}

}
