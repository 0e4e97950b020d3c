package dev.realtime.security;

import dev.realtime.RealtimePrincipal;

/**
 * The built-in {@link RoomAuthorizer}: a personal room {@code user:{id}} belongs to user
 * {@code id} alone, who may subscribe to it but not publish in it (it carries what the server
 * sends to that user); every other room is open.
 */
public final class UserRoomAuthorizer implements RoomAuthorizer {

	/** Prefix of personal rooms. */
	public static final String USER_ROOM_PREFIX = "user:";

	@Override
	public boolean canSubscribe(RealtimePrincipal principal, String room) {
		return !isUserRoom(room) || room.equals(userRoom(principal));
	}

	@Override
	public boolean canPublish(RealtimePrincipal principal, String room) {
		return !isUserRoom(room);
	}

	/** The personal room of {@code userId}. */
	public static String userRoom(String userId) {
		return USER_ROOM_PREFIX + userId;
	}

	private static boolean isUserRoom(String room) {
		return room.startsWith(USER_ROOM_PREFIX);
	}

	private static String userRoom(RealtimePrincipal principal) {
		return (principal.userId() != null) ? userRoom(principal.userId()) : "";
	}

}
