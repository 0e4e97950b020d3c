package dev.realtime.protocol;

import dev.realtime.Connection;
import dev.realtime.hub.RoomFullException;
import dev.realtime.security.LimitEvent;

/**
 * How many rooms a client may subscribe to, and how many members a room may have, for the
 * subscriptions clients ask for. Joins the application makes through the hub are not limited.
 *
 * @param maxRoomsPerConnection rooms one connection may be in, its personal room included;
 * negative for no limit
 * @param maxMembers members a room may have on this node; negative for no limit
 */
public record RoomLimits(int maxRoomsPerConnection, int maxMembers) {

	/**
	 * Checks that {@code client} may be in one more room, {@code room}.
	 * @throws ProtocolException {@code too_many_rooms}
	 */
	void checkRooms(Connection client, String room) {
		if (this.maxRoomsPerConnection >= 0 && client.rooms().size() >= this.maxRoomsPerConnection
				&& !client.rooms().contains(room)) {
			throw new ProtocolException(ErrorCode.TOO_MANY_ROOMS,
					"a connection may be in " + this.maxRoomsPerConnection + " rooms at most",
					LimitEvent.ROOMS_EXCEEDED);
		}
	}

	/** The {@code room_full} answer to a subscription the hub refused. */
	ProtocolException full(RoomFullException ex) {
		return new ProtocolException(ErrorCode.ROOM_FULL,
				"room '" + ex.room() + "' has " + this.maxMembers + " members already", LimitEvent.ROOM_FULL);
	}

}
