package dev.realtime.protocol;

import dev.realtime.Connection;
import dev.realtime.Event;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * What an application adds to the built-in protocol: code run when a client connects or
 * disconnects, the methods {@code rpc} frames call, and checks of subscriptions and publications.
 * The starter implements it with the methods of {@code @RealtimeController} beans.
 * <p>
 * Each method is reactive: the frame's answer, and the connection's next frame, wait for its
 * {@code Mono}, so that calls for one connection never overlap, while other connections go on. A
 * {@code Mono} failing with a {@link ProtocolException} or a
 * {@link dev.realtime.annotation.RealtimeException} answers the frame with an {@code error} of its
 * code; any other failure with {@code internal}.
 */
public interface ProtocolHooks {

	/** Hooks that add nothing: every subscription and publication goes ahead, every rpc is unknown. */
	ProtocolHooks NONE = new ProtocolHooks() {
	};

	/** The connection is open; its first frame is read when the {@code Mono} completes. */
	default Mono<Void> onConnect(Connection connection) {
		return Mono.empty();
	}

	/** The connection closed, and its last frame was handled. */
	default Mono<Void> onDisconnect(Connection connection) {
		return Mono.empty();
	}

	/**
	 * The result of the {@code rpc} {@code method}, called with the frame's {@code data};
	 * empty for a method that returns nothing.
	 * @return fails with {@link ErrorCode#NOT_FOUND} for a method it does not know
	 */
	default Mono<Object> rpc(Connection connection, String method, @Nullable JsonNode data) {
		return Mono.error(new ProtocolException(ErrorCode.NOT_FOUND, "no rpc method '" + method + "'"));
	}

	/**
	 * The event to publish in {@code room} for a client's {@code publish}, which the room
	 * authorizer allowed: {@code event} itself, or one with other data; fails to reject it.
	 */
	default Mono<Event> onPublish(Connection connection, String room, Event event) {
		return Mono.just(event);
	}

	/**
	 * Completes when {@code connection} may subscribe to {@code room} (or ask its presence),
	 * which the room authorizer allowed; fails to refuse it.
	 */
	default Mono<Void> onSubscribe(Connection connection, String room) {
		return Mono.empty();
	}

}
