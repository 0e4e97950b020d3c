package dev.realtime.samples.notifications;

import java.util.Map;

import dev.realtime.RealtimePrincipal;
import dev.realtime.security.RealtimeAuthenticator;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Token authentication for the demo: a token from {@code ?token=} (browsers cannot set headers
 * on {@code EventSource} or {@code WebSocket}) or from {@code Authorization: Bearer} (curl, other
 * servers) names a user of a fixed map. Anything else is refused with HTTP 401 before the stream
 * or the upgrade starts. A real application verifies signed tokens here instead; everything
 * else in the sample stays as it is.
 */
@Component
class DemoTokenAuthenticator implements RealtimeAuthenticator {

	/** The demo's users, by token. */
	static final Map<String, String> USERS = Map.of("alice-token", "alice", "bob-token", "bob");

	private static final String BEARER = "Bearer ";

	@Override
	public Mono<RealtimePrincipal> authenticate(ServerWebExchange exchange) {
		String token = token(exchange);
		String user = (token != null) ? USERS.get(token) : null;
		return (user != null) ? Mono.just(RealtimePrincipal.user(user)) : Mono.empty();
	}

	private static @Nullable String token(ServerWebExchange exchange) {
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return authorization.substring(BEARER.length()).trim();
		}
		return exchange.getRequest().getQueryParams().getFirst("token");
	}

}
