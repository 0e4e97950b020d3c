package dev.realtime.protocol;

/**
 * Codes of {@code error} frames. A bad frame gets one and the connection stays open.
 */
public enum ErrorCode {

	/** Malformed JSON, a missing or mistyped field, or an invalid room name. */
	BAD_REQUEST("bad_request"),

	/** A frame whose {@code type} the server does not know. */
	UNKNOWN_TYPE("unknown_type"),

	/** The principal may not do this in this room. */
	FORBIDDEN("forbidden"),

	/** The connection sends faster than its rate limit. */
	RATE_LIMITED("rate_limited"),

	/** A value exceeds a configured limit. */
	TOO_LARGE("too_large"),

	/** The operation needs a subscription to the room first. */
	NOT_SUBSCRIBED("not_subscribed"),

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
