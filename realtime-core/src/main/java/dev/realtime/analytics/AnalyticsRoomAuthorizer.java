package dev.realtime.analytics;

import dev.realtime.RealtimePrincipal;
import dev.realtime.security.RoomAuthorizer;

/**
 * The application's {@link RoomAuthorizer}, except that no client may publish to the analytics
 * room: a dashboard must show only the snapshots the server publishes there, never one a client
 * made up. Who may subscribe stays the application's choice.
 */
public final class AnalyticsRoomAuthorizer implements RoomAuthorizer {

	private final RoomAuthorizer delegate;

	private final String room;

	public AnalyticsRoomAuthorizer(RoomAuthorizer delegate, String room) {
		this.delegate = delegate;
		this.room = room;
	}

	@Override
	public boolean canSubscribe(RealtimePrincipal principal, String room) {
		return this.delegate.canSubscribe(principal, room);
	}

	@Override
	public boolean canPublish(RealtimePrincipal principal, String room) {
		return !this.room.equals(room) && this.delegate.canPublish(principal, room);
	}

}
