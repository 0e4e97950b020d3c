package dev.realtime.hub;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.realtime.broker.Broker;
import dev.realtime.metrics.RealtimeMetrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rooms with members on this node. A room is created by its first member and removed with
 * its last; its broker subscription is made after it is in the map, never inside the map's lock,
 * and ended when it is removed.
 */
final class RoomRegistry {

	private static final Logger logger = LoggerFactory.getLogger(RoomRegistry.class);

	private final ConcurrentMap<String, LocalRoom> rooms = new ConcurrentHashMap<>();

	private final Broker broker;

	private final RealtimeMetrics metrics;

	private final JoinLeaveEvents joinLeave;

	private final AtomicInteger memberships = new AtomicInteger();

	RoomRegistry(Broker broker, RealtimeMetrics metrics, JoinLeaveEvents joinLeave) {
		this.broker = broker;
		this.metrics = metrics;
		this.joinLeave = joinLeave;
	}

	/**
	 * Adds {@code connection} to {@code name}, unless the room has {@code maxMembers} members
	 * already (negative for no limit). The check and the join are one step, so concurrent joins
	 * never overshoot the limit.
	 * @return what became of it, and the room, whose {@link LocalRoom#live()} says when its
	 * publications arrive
	 */
	Joined join(String name, AbstractConnection connection, int maxMembers) {
		JoinResult[] result = new JoinResult[1];
		LocalRoom[] created = new LocalRoom[1];
		LocalRoom room = this.rooms.compute(name, (key, existing) -> {
			if (existing != null && existing.members().contains(connection)) {
				result[0] = JoinResult.ALREADY_MEMBER;
				return existing;
			}
			int size = (existing != null) ? existing.members().size() : 0;
			if (maxMembers >= 0 && size >= maxMembers) {
				result[0] = JoinResult.FULL;
				return existing;
			}
			LocalRoom joined = existing;
			if (joined == null) {
				joined = new LocalRoom(key, this.metrics,
						this.joinLeave.appliesTo(key) ? this.joinLeave.maxMembers() : -1);
				created[0] = joined;
			}
			joined.members().add(connection);
			result[0] = JoinResult.JOINED;
			return joined;
		});
		if (created[0] != null) {
			subscribe(created[0]);
		}
		if (result[0] == JoinResult.JOINED) {
			connection.addRoom(name);
			this.memberships.incrementAndGet();
		}
		return new Joined(result[0], room);
	}

	/** Removes {@code connection} from {@code name}; whether it was a member. */
	boolean leave(String name, AbstractConnection connection) {
		boolean[] left = new boolean[1];
		LocalRoom[] emptied = new LocalRoom[1];
		this.rooms.computeIfPresent(name, (key, room) -> {
			left[0] = room.members().remove(connection);
			if (room.members().isEmpty()) {
				emptied[0] = room;
				return null;
			}
			return room;
		});
		if (emptied[0] != null) {
			emptied[0].dispose();
		}
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

	private void subscribe(LocalRoom room) {
		this.broker.subscribe(room.name(), room).subscribe(room::subscribed, (ex) -> {
			logger.warn("Subscribing room '{}' to the broker failed", room.name(), ex);
			// Its members are let go, and the next to join tries again with a fresh room.
			if (this.rooms.remove(room.name(), room)) {
				for (AbstractConnection member : room.members().connections()) {
					member.removeRoom(room.name());
					this.memberships.decrementAndGet();
				}
			}
			room.failed(ex);
		});
	}

	/**
	 * What became of a join.
	 *
	 * @param result whether the connection joined
	 * @param room the room, {@code null} when it was full and had no members
	 */
	record Joined(JoinResult result, @Nullable LocalRoom room) {
	}

}
