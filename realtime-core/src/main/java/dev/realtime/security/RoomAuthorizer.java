package dev.realtime.security;

import dev.realtime.RealtimePrincipal;

/**
 * Decides whether a principal may subscribe to, or publish in, a room. A denial is answered
 * with a {@code forbidden} error frame, never silently.
 */
public interface RoomAuthorizer {

	/** Whether {@code principal} may receive the publications of {@code room}. */
	boolean canSubscribe(RealtimePrincipal principal, String room);

	/** Whether {@code principal} may publish in {@code room}. */
	boolean canPublish(RealtimePrincipal principal, String room);

}
