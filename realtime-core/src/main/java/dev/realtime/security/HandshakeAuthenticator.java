package dev.realtime.security;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.realtime.RealtimePrincipal;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The default {@link RealtimeAuthenticator}, for WebSocket and SSE handshakes alike. In order:
 * <ol>
 * <li>the exchange's {@link Principal} (Spring Security's, when it authenticated the request),
 * as mapped by {@code principals};</li>
 * <li>else a bearer token from the {@code Authorization} header or the query parameter (browsers
 * cannot set headers on a WebSocket), which the {@link TokenVerifier} must accept: a token that
 * is invalid, expired, sent twice, or that no verifier can check refuses the handshake, it never
 * falls back to anonymous;</li>
 * <li>else anonymous, when anonymous clients are allowed, or a refusal.</li>
 * </ol>
 */
public final class HandshakeAuthenticator implements RealtimeAuthenticator {

	private static final String BEARER = "bearer ";

	private final Function<Principal, Mono<RealtimePrincipal>> principals;

	private final @Nullable TokenVerifier tokens;

	private final String queryParameter;

	private final boolean allowAnonymous;

	/**
	 * @param principals maps the exchange's principal; empty when it is not an authenticated user
	 * @param tokens verifies bearer tokens, {@code null} when the application has none
	 * @param queryParameter the query parameter that may carry the token, empty for none
	 * @param allowAnonymous whether a handshake without credentials is let in, as anonymous
	 */
	public HandshakeAuthenticator(Function<Principal, Mono<RealtimePrincipal>> principals,
			@Nullable TokenVerifier tokens, String queryParameter, boolean allowAnonymous) {
		this.principals = principals;
		this.tokens = tokens;
		this.queryParameter = queryParameter;
		this.allowAnonymous = allowAnonymous;
	}

	/** Maps any principal to a user of the same name. */
	public static Mono<RealtimePrincipal> byName(Principal principal) {
		return Mono.just(RealtimePrincipal.user(principal.getName()));
	}

	@Override
	public Mono<RealtimePrincipal> authenticate(ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.flatMap(this.principals)
			.switchIfEmpty(Mono.defer(() -> fromToken(exchange.getRequest())));
	}

	private Mono<RealtimePrincipal> fromToken(ServerHttpRequest request) {
		List<String> tokens = tokens(request);
		if (tokens.isEmpty()) {
			return this.allowAnonymous ? Mono.just(RealtimePrincipal.anonymous()) : Mono.empty();
		}
		// RFC 6750: one method per request; two tokens are ambiguous, so neither is trusted.
		if (tokens.size() > 1 || tokens.get(0).isBlank() || this.tokens == null) {
			return Mono.empty();
		}
		return this.tokens.verify(tokens.get(0));
	}

	private List<String> tokens(ServerHttpRequest request) {
		List<String> found = new ArrayList<>(1);
		for (String header : request.getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION)) {
			if (header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
				found.add(header.substring(BEARER.length()).trim());
			}
		}
		if (!this.queryParameter.isEmpty()) {
			found.addAll(request.getQueryParams().getOrDefault(this.queryParameter, List.of()));
		}
		return found;
	}

}
