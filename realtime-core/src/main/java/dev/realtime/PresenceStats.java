package dev.realtime;

/**
 * How many are in a room, on every node.
 *
 * @param connections connections in the room
 * @param users distinct users among them; anonymous connections count as none
 */
public record PresenceStats(int connections, int users) {

}
