package dev.realtime;

import org.jspecify.annotations.Nullable;

/**
 * An event placed in a room: what subscribers receive and resume from.
 *
 * @param room the room (or topic) it was published to, {@code null} for a message addressed to
 * one connection or to everyone
 * @param offset its place in the room's stream, strictly increasing within an epoch; {@code 0}
 * for publications that keep no history
 * @param epoch the room's epoch when it was published
 * @param event the event, encoded once by the publishing node
 */
public record Publication(@Nullable String room, long offset, String epoch, EncodedEvent event) {

	/** A publication outside any room's stream: to one connection, or to every connection. */
	public static Publication direct(EncodedEvent event) {
		return new Publication(null, 0, "", event);
	}

	/** Whether it belongs to a room's stream, with an offset clients resume from. */
	public boolean inStream() {
		return this.offset > 0;
	}

	public StreamPosition position() {
		return new StreamPosition(this.offset, this.epoch);
	}

}
