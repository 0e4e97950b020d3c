package dev.realtime.security;

import dev.realtime.RealtimePrincipal;

/**
 * Who may do something in a room, in a {@link RoomRule}.
 */
public enum RoomAccess {

	/** Every client, anonymous ones included. */
	ANYONE,

	/** Clients with a user id. */
	AUTHENTICATED,

	/** No client: only the application, through the hub. */
	NOBODY;

	/** Whether {@code principal} has this access. */
	public boolean allows(RealtimePrincipal principal) {
		return switch (this) {
			case ANYONE -> true;
			case AUTHENTICATED -> !principal.isAnonymous();
			case NOBODY -> false;
		};
	}

}
