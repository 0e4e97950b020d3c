package dev.realtime.history;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;

import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.StreamPosition;
import dev.realtime.broker.Broker;
import reactor.core.publisher.Mono;

/**
 * A {@link HistoryStore} in this node's memory: a ring buffer of the last {@code size}
 * publications per room.
 * <p>
 * A room's epoch is drawn when its history is first created, so a room whose history was lost
 * (evicted, or the node restarted) gets a new epoch and resuming clients learn they missed data.
 */
public final class InMemoryHistoryStore implements HistoryStore {

	private static final Publication[] NONE = new Publication[0];

	private final ConcurrentMap<String, RoomHistory> rooms = new ConcurrentHashMap<>();

	private final int size;

	public InMemoryHistoryStore(int size) {
		if (size < 0) {
			throw new IllegalArgumentException("History size must not be negative, was " + size);
		}
		this.size = size;
	}

	@Override
	public Publication append(String room, Event event) {
		if (room.startsWith(Broker.INTERNAL_PREFIX)) {
			return new Publication(room, 0, "", event);
		}
		return history(room).append(event);
	}

	@Override
	public Mono<StreamPosition> position(String room) {
		return Mono.just(history(room).position());
	}

	private RoomHistory history(String room) {
		return this.rooms.computeIfAbsent(room, (name) -> new RoomHistory(name, this.size));
	}

	static String newEpoch() {
		return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
	}

	/**
	 * One room's ring buffer. Appends of one room are already serialized by the broker; the
	 * monitor only makes reads consistent with them, and is uncontended on the publishing path.
	 */
	private static final class RoomHistory {

		private final String room;

		private final String epoch = newEpoch();

		private final Publication[] ring;

		private long offset;

		RoomHistory(String room, int size) {
			this.room = room;
			this.ring = (size > 0) ? new Publication[size] : NONE;
		}

		synchronized Publication append(Event event) {
			Publication publication = new Publication(this.room, ++this.offset, this.epoch, event);
			if (this.ring.length > 0) {
				this.ring[(int) (this.offset % this.ring.length)] = publication;
			}
			return publication;
		}

		synchronized StreamPosition position() {
			return new StreamPosition(this.offset, this.epoch);
		}

	}

}
