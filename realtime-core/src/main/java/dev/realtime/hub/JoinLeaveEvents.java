package dev.realtime.hub;

import java.util.function.Predicate;

import dev.realtime.security.UserRoomAuthorizer;

/**
 * Which rooms tell their members when someone joins or leaves, and up to how many members.
 * Every join and leave in a room of {@code n} members costs {@code n} deliveries, so a room that
 * grows past {@code maxMembers} on a node stops sending them there. Personal rooms
 * ({@code user:{id}}) and anonymous connections never send them.
 *
 * @param rooms the rooms that send them
 * @param maxMembers members a room may have on a node for it to send them there
 */
public record JoinLeaveEvents(Predicate<String> rooms, int maxMembers) {

	/** No join and leave at all. */
	public static JoinLeaveEvents none() {
		return new JoinLeaveEvents((room) -> false, -1);
	}

	/** Whether {@code room} sends join and leave at all. */
	boolean appliesTo(String room) {
		return this.maxMembers >= 0 && !room.startsWith(UserRoomAuthorizer.USER_ROOM_PREFIX) && this.rooms.test(room);
	}

}
