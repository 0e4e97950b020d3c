package dev.realtime;

/**
 * WebSocket close codes the server uses, and what a client should do on each.
 */
public final class CloseCodes {

	/** Normal closure: the client or the application asked for it. */
	public static final int NORMAL = 1000;

	/** The server is shutting down: reconnect, to another node if there is one. */
	public static final int GOING_AWAY = 1001;

	/**
	 * The client broke the WebSocket protocol: a frame Netty could not decode, reserved bits no
	 * extension took, a close code no endpoint may send.
	 */
	public static final int PROTOCOL_ERROR = 1002;

	/** The client broke a policy (repeated abuse, flooding): do not reconnect at once. */
	public static final int POLICY_VIOLATION = 1008;

	/**
	 * A message was larger than {@code realtime.limits.max-frame-size}: one frame as it came, or
	 * all the fragments of a message together, inflated.
	 */
	public static final int TOO_BIG = 1009;

	/** The server failed unexpectedly. */
	public static final int INTERNAL_ERROR = 1011;

	/**
	 * A room the server joined the connection to (its user's personal room, or one an
	 * application joined it to) could not be subscribed on the broker: reconnect after a backoff,
	 * rather than stay connected and miss what the room sends.
	 */
	public static final int TRY_AGAIN_LATER = 1013;

	/**
	 * The client read too slowly and its outbound buffer filled up: reconnect and resume. The
	 * close frame may not reach a client that stopped reading, which then sees 1006.
	 */
	public static final int SLOW_CONSUMER = 4000;

	/** Nothing arrived from the client, not even a pong, within the idle timeout. */
	public static final int IDLE_TIMEOUT = 4001;

	/** The application (or an operator) disconnected this connection. */
	public static final int DISCONNECTED = 4002;

	/**
	 * The credentials the connection was opened with expired and the client did not refresh
	 * them: reconnect with a new token.
	 */
	public static final int CREDENTIALS_EXPIRED = 4003;

	private CloseCodes() {
	}

}
