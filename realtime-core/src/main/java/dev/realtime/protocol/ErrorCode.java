package dev.realtime.protocol;

/**
 * Codes of {@code error} frames. A bad frame gets one and the connection stays open.
 */
public enum ErrorCode {

	/** Malformed JSON, JSON nested too deep, a missing or mistyped field, or an invalid room name. */
	BAD_REQUEST("bad_request"),

	/** A frame whose {@code type} the server does not know. */
	UNKNOWN_TYPE("unknown_type"),

	/**
	 * A {@code refresh} whose token is missing, invalid or expired, or a server that takes no
	 * tokens; the connection keeps its credentials until they expire.
	 */
	UNAUTHORIZED("unauthorized"),

	/**
	 * The principal may not do this in this room, a {@code refresh} carried another user's token,
	 * or an anonymous connection asked for a notifications inbox.
	 */
	FORBIDDEN("forbidden"),

	/** The connection sends faster than its rate limit; the frame was dropped unread. */
	RATE_LIMITED("rate_limited"),

	/** A value exceeds a configured limit. */
	TOO_LARGE("too_large"),

	/** The room has {@code realtime.limits.max-room-members} members already. */
	ROOM_FULL("room_full"),

	/** The connection is in {@code realtime.limits.max-rooms-per-connection} rooms already. */
	TOO_MANY_ROOMS("too_many_rooms"),

	/** The operation needs a subscription to the room first. */
	NOT_SUBSCRIBED("not_subscribed"),

	/** An {@code rpc} frame names a method no controller answers. */
	NOT_FOUND("not_found"),

	/** The broker cannot take the publication now; retry later. */
	UNAVAILABLE("unavailable"),

	/** The server failed; the frame may be retried. */
	INTERNAL("internal");

	private final String code;

	ErrorCode(String code) {
		this.code = code;
	}

	/** The code as it appears on the wire. */
	public String code() {
		return this.code;
	}

}
