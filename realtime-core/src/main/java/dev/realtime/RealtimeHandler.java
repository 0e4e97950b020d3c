package dev.realtime;

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

	/** The connection closed and has left every room. */
	default Mono<Void> onDisconnect(Connection connection) {
		return Mono.empty();
	}

}
