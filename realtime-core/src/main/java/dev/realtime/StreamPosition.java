package dev.realtime;

/**
 * A place in a room's stream: the offset of the last publication seen and the epoch it belongs
 * to. Offsets only grow within an epoch; a new epoch means the history before it is gone.
 *
 * @param offset offset of the last publication, {@code 0} before the first
 * @param epoch identifies one unbroken history of the room
 */
public record StreamPosition(long offset, String epoch) {

}
