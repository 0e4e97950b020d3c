package dev.realtime.history;

import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.StreamPosition;
import reactor.core.publisher.Mono;

/**
 * Keeps each room's recent publications, numbered by offset within an epoch.
 * <p>
 * {@link #append} is called by the broker on the publishing path, one publication of a room at
 * a time, so it must not block; stores that cannot append synchronously (Redis) do it inside
 * their broker as part of the publish.
 */
public interface HistoryStore {

	/** Gives {@code event} the room's next offset and keeps it in the room's window. */
	Publication append(String room, Event event);

	/** The room's current position: its last offset and its epoch. */
	Mono<StreamPosition> position(String room);

	/**
	 * The publications of {@code room} after {@code since}, in offset order.
	 * <ul>
	 * <li>Same epoch, and the window still holds every offset after {@code since}: all of them,
	 * {@code recovered}.</li>
	 * <li>Same epoch, but the oldest of them have left the window: those still held, not
	 * {@code recovered}.</li>
	 * <li>Another epoch: none, not {@code recovered}; the client missed an unknown amount.</li>
	 * </ul>
	 */
	Mono<Replay> since(String room, StreamPosition since);

}
