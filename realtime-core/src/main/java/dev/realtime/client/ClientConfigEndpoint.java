package dev.realtime.client;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.realtime.security.HandshakeGuard;
import dev.realtime.security.HandshakeRejectedException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Answers a client's {@code GET} for its configuration with JSON:
 * <pre>{@code
 * {"websocket": {"url": "ws://host/realtime/ws", "pingInterval": 25000},
 *  "sse": {"url": "http://host/realtime/sse", "heartbeatInterval": 15000},
 *  "reconnect": {"initialBackoff": 1000, "maxBackoff": 30000}}
 * }</pre>
 * Durations are in milliseconds. URLs are built from the request's own scheme, host and base
 * path, so a client reached through a proxy that forwards those (with
 * {@code server.forward-headers-strategy}) gets addresses it can reach.
 * <p>
 * While the node refuses handshakes as a whole (draining as it stops, or too many in
 * progress), it answers 503 with {@code Retry-After} instead: a browser cannot read the status
 * of a refused WebSocket handshake, so the client asks here before it tries again.
 */
public final class ClientConfigEndpoint implements HandlerFunction<ServerResponse> {

	private final ClientSettings settings;

	private final HandshakeGuard guard;

	public ClientConfigEndpoint(ClientSettings settings, HandshakeGuard guard) {
		this.settings = settings;
		this.guard = guard;
	}

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		HandshakeRejectedException busy = this.guard.busy();
		if (busy != null) {
			return ServerResponse.status(busy.getStatusCode())
				.headers((headers) -> headers.addAll(busy.getHeaders()))
				.cacheControl(CacheControl.noStore())
				.contentType(MediaType.TEXT_PLAIN)
				.bodyValue(String.valueOf(busy.getReason()));
		}
		URI uri = request.uri();
		String basePath = request.requestPath().contextPath().value();
		boolean secure = "https".equalsIgnoreCase(uri.getScheme());
		Map<String, Object> config = ordered("websocket",
				ordered("url", url(uri, secure ? "wss" : "ws", basePath + this.settings.webSocketPath()),
						"pingInterval", this.settings.pingInterval().toMillis()),
				"sse",
				ordered("url", url(uri, secure ? "https" : "http", basePath + this.settings.ssePath()),
						"heartbeatInterval", this.settings.heartbeatInterval().toMillis()),
				"reconnect", ordered("initialBackoff", this.settings.initialBackoff().toMillis(), "maxBackoff",
						this.settings.maxBackoff().toMillis()));
		// Settings change with deployments: never let a cache answer for the server.
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.bodyValue(config);
	}

	/** A map of {@code keysAndValues} in their order, so that people read the JSON as documented. */
	private static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	private static String url(URI request, String scheme, String path) {
		return UriComponentsBuilder.fromUri(request)
			.scheme(scheme)
			.replacePath(path)
			.replaceQuery(null)
			.fragment(null)
			.build()
			.toUriString();
	}

}
