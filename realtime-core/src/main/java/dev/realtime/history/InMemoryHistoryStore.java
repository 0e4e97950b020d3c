package dev.realtime.history;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.StreamPosition;
import dev.realtime.broker.Broker;
import reactor.core.publisher.Mono;

/**
 * A {@link HistoryStore} in this node's memory: a ring buffer of the last {@code size}
 * publications per room, each kept for {@code ttl}.
 * <p>
 * A room's epoch is drawn when its history is created, so a room whose history was lost
 * (evicted, or the node restarted) gets a new epoch and resuming clients learn they missed data.
 * {@link #evictExpired} drops the rooms that are not in use and hold nothing younger than the
 * ttl, so memory follows configuration, not the number of rooms ever used.
 */
public final class InMemoryHistoryStore implements HistoryStore {

	private final ConcurrentMap<String, RoomHistory> rooms = new ConcurrentHashMap<>();

	private final int size;

	private final long ttlMillis;

	private final Clock clock;

	public InMemoryHistoryStore(int size, Duration ttl) {
		this(size, ttl, Clock.systemUTC());
	}

	InMemoryHistoryStore(int size, Duration ttl, Clock clock) {
		if (size < 0) {
			throw new IllegalArgumentException("History size must not be negative, was " + size);
		}
		this.size = size;
		this.ttlMillis = ttl.toMillis();
		this.clock = clock;
	}

	@Override
	public Publication append(String room, Event event) {
		if (room.startsWith(Broker.INTERNAL_PREFIX)) {
			return new Publication(room, 0, "", event);
		}
		return history(room).append(event, this.clock.millis());
	}

	@Override
	public Mono<StreamPosition> position(String room) {
		return Mono.fromSupplier(() -> history(room).position(this.clock.millis()));
	}

	@Override
	public Mono<Replay> since(String room, StreamPosition since) {
		return Mono.fromSupplier(() -> history(room).since(since, this.clock.millis() - this.ttlMillis));
	}

	/**
	 * Drops the history of every room that {@code inUse} rejects and that saw no activity
	 * within the ttl.
	 * @return how many rooms were dropped
	 */
	public int evictExpired(Predicate<String> inUse) {
		long expiry = this.clock.millis() - this.ttlMillis;
		int[] evicted = new int[1];
		this.rooms.forEach((name, history) -> this.rooms.computeIfPresent(name, (key, current) -> {
			if (current.lastActivity() < expiry && !inUse.test(key)) {
				evicted[0]++;
				return null;
			}
			return current;
		}));
		return evicted[0];
	}

	/** Number of rooms with a history in memory. */
	public int rooms() {
		return this.rooms.size();
	}

	private RoomHistory history(String room) {
		return this.rooms.computeIfAbsent(room, (name) -> new RoomHistory(name, this.size, this.clock.millis()));
	}

	static String newEpoch() {
		return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
	}

	/**
	 * One room's ring buffer. Appends of one room are already serialized by the broker; the
	 * monitor makes reads consistent with them, and is uncontended on the publishing path.
	 */
	private static final class RoomHistory {

		private final String room;

		private final String epoch = newEpoch();

		private final Publication[] ring;

		private final long[] appendedAt;

		private long offset;

		private long lastActivity;

		RoomHistory(String room, int size, long now) {
			this.room = room;
			this.ring = new Publication[size];
			this.appendedAt = new long[size];
			this.lastActivity = now;
		}

		synchronized Publication append(Event event, long now) {
			Publication publication = new Publication(this.room, ++this.offset, this.epoch, event);
			if (this.ring.length > 0) {
				int slot = (int) (this.offset % this.ring.length);
				this.ring[slot] = publication;
				this.appendedAt[slot] = now;
			}
			this.lastActivity = now;
			return publication;
		}

		synchronized StreamPosition position(long now) {
			this.lastActivity = now;
			return new StreamPosition(this.offset, this.epoch);
		}

		synchronized Replay since(StreamPosition since, long expiry) {
			StreamPosition current = new StreamPosition(this.offset, this.epoch);
			if (!this.epoch.equals(since.epoch()) || since.offset() > this.offset) {
				return new Replay(List.of(), false, current);
			}
			// Offsets still held: the last ring.length ones, minus those older than the ttl.
			long oldestHeld = Math.max(since.offset() + 1, this.offset - this.ring.length + 1);
			while (oldestHeld <= this.offset && this.appendedAt[slot(oldestHeld)] < expiry) {
				oldestHeld++;
			}
			List<Publication> missed = new ArrayList<>((int) (this.offset - oldestHeld + 1));
			for (long o = oldestHeld; o <= this.offset; o++) {
				missed.add(this.ring[slot(o)]);
			}
			return new Replay(missed, oldestHeld == since.offset() + 1, current);
		}

		synchronized long lastActivity() {
			return this.lastActivity;
		}

		private int slot(long offset) {
			return (int) (offset % this.ring.length);
		}

	}

}
