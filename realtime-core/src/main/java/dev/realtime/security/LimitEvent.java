package dev.realtime.security;

/**
 * What a protection did: a handshake it refused, a frame it rejected, a connection it closed, a
 * frame it dropped for a slow client. Each is counted by {@link LimitCounters}.
 */
public enum LimitEvent {

	/** A socket closed as soon as it was accepted: the server holds {@code max-open-connections}. */
	OPEN_CONNECTIONS_EXCEEDED("http.open-connections"),

	/**
	 * A connection closed for not sending its first request head, or not completing a
	 * WebSocket handshake, within {@code request-head-timeout}. Keep-alive connections closed
	 * after {@code keep-alive-timeout} are routine, and not counted.
	 */
	REQUEST_HEAD_TIMED_OUT("http.request-head-timeout"),

	/** A handshake refused with 401: no valid credentials, or anonymous clients not allowed. */
	HANDSHAKE_UNAUTHORIZED("handshake.unauthorized"),

	/**
	 * A handshake refused with 400 or 426 before any other check: not a WebSocket handshake of
	 * RFC 6455 (version 13, a key of 16 bytes in base64).
	 */
	HANDSHAKE_INVALID("handshake.invalid"),

	/** A handshake refused with 403: its {@code Origin} is not allowed. */
	HANDSHAKE_ORIGIN_REFUSED("handshake.origin"),

	/** A handshake refused with 503: the node is draining its connections, as it stops. */
	HANDSHAKE_DRAINING("handshake.draining"),

	/** A handshake refused with 503: {@code max-concurrent-handshakes} are in progress on the node. */
	HANDSHAKES_CONCURRENT("handshake.concurrent"),

	/** A handshake refused with 503: the node has {@code max-connections}. */
	CONNECTIONS_EXCEEDED("connections.total"),

	/** A handshake refused with 429: the user has {@code max-connections-per-user}. */
	USER_CONNECTIONS_EXCEEDED("connections.user"),

	/**
	 * A handshake refused with 429: its client address made more than
	 * {@code handshakes-per-second-per-address} lately.
	 */
	ADDRESS_HANDSHAKES_EXCEEDED("handshake.address-rate"),

	/** A handshake refused with 429: its client address has {@code max-connections-per-address}. */
	ADDRESS_CONNECTIONS_EXCEEDED("connections.address"),

	/**
	 * A connection closed with 1009 for a message larger than {@code max-frame-size}: one frame
	 * as it came, or a message inflated, or all its fragments together.
	 */
	FRAME_TOO_LARGE("frame.too-large"),

	/**
	 * A connection closed for breaking the WebSocket protocol (1002): a frame Netty cannot
	 * decode, reserved bits no extension took, a close code no endpoint may send, compressed data
	 * that does not inflate; or for a close reason that is not UTF-8 (1007).
	 */
	FRAME_INVALID("frame.invalid"),

	/**
	 * A frame past the connection's rate, dropped unread: a text or binary frame is answered with
	 * {@code rate_limited}, a ping with no pong.
	 */
	RATE_LIMITED("rate.limited"),

	/** A connection closed with 1008 for sending on past its rate limit. */
	RATE_LIMIT_CLOSED("rate.closed"),

	/**
	 * A frame rejected with {@code bad_request} for JSON nested deeper than
	 * {@code max-json-depth}, or a number too long.
	 */
	JSON_TOO_COMPLEX("json.too-complex"),

	/** A frame rejected with {@code bad_request} for an invalid room name. */
	ROOM_NAME_INVALID("room.name-invalid"),

	/** A subscription refused with {@code too_many_rooms}. */
	ROOMS_EXCEEDED("room.too-many"),

	/** A subscription refused with {@code room_full}. */
	ROOM_FULL("room.full"),

	/** A subscription (or presence request) refused with {@code forbidden}. */
	SUBSCRIBE_FORBIDDEN("room.subscribe-forbidden"),

	/** A publication refused with {@code forbidden}. */
	PUBLISH_FORBIDDEN("room.publish-forbidden"),

	/** A connection closed with 4000: its outbound buffer filled up under {@code disconnect}. */
	SLOW_CONSUMER_DISCONNECTED("slow-consumer.disconnected"),

	/** A connection closed with 4000: it took nothing for the send timeout while frames waited. */
	SLOW_CONSUMER_TIMED_OUT("slow-consumer.timed-out"),

	/** A frame dropped, oldest first, for a slow client under {@code drop-oldest}. */
	SLOW_CONSUMER_DROPPED("slow-consumer.dropped"),

	/** A publication replaced by a newer one of its room for a slow client under {@code conflate}. */
	SLOW_CONSUMER_CONFLATED("slow-consumer.conflated"),

	/**
	 * An analytics event refused with 429: its client address sent more than
	 * {@code realtime.analytics.tracking.events-per-second-per-address} lately.
	 */
	ANALYTICS_RATE_LIMITED("analytics.rate-limited"),

	/** An analytics event refused with 413: its body is larger than {@code max-body-size}. */
	ANALYTICS_TOO_LARGE("analytics.too-large");

	private final String tag;

	LimitEvent(String tag) {
		this.tag = tag;
	}

	/** A stable name for metrics, such as {@code rate.limited}. */
	public String tag() {
		return this.tag;
	}

}
