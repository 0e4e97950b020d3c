package dev.realtime;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One client, connected over WebSocket or Server-Sent Events.
 * <p>
 * Sending never blocks: frames go to a bounded outbound buffer drained by the connection's own
 * event loop. A client that does not drain it in time is handled by the slow-consumer policy.
 */
public interface Connection {

	/** Unique id of this connection on this node. */
	String id();

	/** Id of the authenticated user, {@code null} for an anonymous connection. */
	@Nullable String userId();

	/** Who is behind the connection, as the handshake established it. */
	RealtimePrincipal principal();

	/** The transport's name, as metrics tag it: {@code websocket}, {@code sse}. */
	String transport();

	/** Mutable attributes the application may keep with the connection. */
	Map<String, Object> attributes();

	/** Rooms this connection is a member of. */
	Set<String> rooms();

	/** Whether the connection is still open. */
	boolean isOpen();

	/** Sends {@code event} to this connection only, as a {@code message} frame without a room. */
	void send(Event event);

	/** Sends a raw text frame, for applications that speak their own protocol. */
	void sendText(String text);

	/** Closes the connection with a WebSocket {@code code} (see {@link CloseCodes}). */
	Mono<Void> close(int code, String reason);

}
