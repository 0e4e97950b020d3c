package dev.realtime.history;

import java.util.List;

import dev.realtime.Publication;
import dev.realtime.StreamPosition;

/**
 * What a client missed since a position, as far as the history still holds it.
 *
 * @param publications the missed publications still in the window, oldest first
 * @param recovered whether they are all of the missed ones: {@code false} when the window no
 * longer reaches back to the position, or the epoch changed
 * @param position the room's position once they are replayed
 */
public record Replay(List<Publication> publications, boolean recovered, StreamPosition position) {

}
