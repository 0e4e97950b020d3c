package dev.realtime.hub;

/**
 * A subscription refused because its room has as many members on this node as it may.
 */
public class RoomFullException extends RuntimeException {

	private final String room;

	public RoomFullException(String room) {
		super("room '" + room + "' is full", null, false, false);
		this.room = room;
	}

	public String room() {
		return this.room;
	}

}
