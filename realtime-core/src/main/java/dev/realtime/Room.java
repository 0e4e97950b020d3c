package dev.realtime;

import java.util.Collection;

import reactor.core.publisher.Mono;

/**
 * A named group of connections. Rooms exist from first use; a handle is cheap and may be kept.
 */
public interface Room {

	String name();

	/** Number of members connected to this node. */
	int size();

	/** Members connected to this node. */
	Collection<Connection> members();

	/** Publishes {@code event} to every member, on every node. */
	Mono<Publication> publish(Event event);

}
