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

}
