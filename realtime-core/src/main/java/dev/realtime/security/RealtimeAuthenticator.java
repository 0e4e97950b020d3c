package dev.realtime.security;

import dev.realtime.RealtimePrincipal;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Decides who is behind a handshake, before the WebSocket upgrade or the SSE response starts.
 * <p>
 * An empty result rejects the handshake with HTTP 401; nothing is upgraded.
 */
@FunctionalInterface
public interface RealtimeAuthenticator {

	/** The principal of {@code exchange}, or empty to reject it. */
	Mono<RealtimePrincipal> authenticate(ServerWebExchange exchange);

}
