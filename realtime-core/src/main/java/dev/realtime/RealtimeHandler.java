package dev.realtime;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Handles the frames of one WebSocket endpoint. The starter's own JSON protocol is one; an
 * application can declare its own to replace it, or map more through {@link RealtimeEndpoint}.
 * <p>
 * Calls for one connection never overlap: the next message waits for the previous
 * {@code onMessage} to complete.
 */
public interface RealtimeHandler {

	/** The connection is open and registered with the hub. */
	default Mono<Void> onConnect(Connection connection) {
		return Mono.empty();
	}

	/** A text or binary frame arrived from the client. */
	Mono<Void> onMessage(Connection connection, ClientMessage message);

	/**
	 * How this endpoint's connections receive room publications, broadcasts and
	 * {@link Connection#send}: {@code null}, the default, for the built-in JSON {@code message}
	 * frame. Asked once, when the endpoint starts.
	 */
	default @Nullable PublicationFormat publicationFormat() {
		return null;
	}

	/** The connection closed and has left every room. */
	default Mono<Void> onDisconnect(Connection connection) {
		return Mono.empty();
	}

}
