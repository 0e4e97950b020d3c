package dev.realtime.broker;

import java.util.List;

import dev.realtime.Publication;
import dev.realtime.StreamPosition;

/**
 * What a client missed since a position, as far as the topic's window still holds it.
 *
 * @param publications the missed publications still in the window, oldest first
 * @param recovered whether they are all of the missed ones: {@code false} when the window no
 * longer reaches back to the position, or the epoch changed
 * @param position the topic's position once they are replayed
 */
public record Replay(List<Publication> publications, boolean recovered, StreamPosition position) {

	/** Nothing to replay: the client starts at {@code position}. */
	public static Replay from(StreamPosition position) {
		return new Replay(List.of(), true, position);
	}

}
