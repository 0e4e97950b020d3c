package dev.realtime.security;

/**
 * Who may subscribe to, and publish in, the rooms whose names match {@code pattern}.
 *
 * @param pattern the rooms it applies to
 * @param subscribe who may subscribe (and ask for presence)
 * @param publish who may publish
 */
public record RoomRule(RoomPattern pattern, RoomAccess subscribe, RoomAccess publish) {

}
