package dev.realtime.security;

import dev.realtime.RealtimePrincipal;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The default {@link RealtimeAuthenticator}: the exchange's {@link java.security.Principal}
 * (set by Spring Security, for one) when there is one, else an anonymous principal.
 */
public final class PrincipalAuthenticator implements RealtimeAuthenticator {

	@Override
	public Mono<RealtimePrincipal> authenticate(ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.map((principal) -> RealtimePrincipal.user(principal.getName()))
			.defaultIfEmpty(RealtimePrincipal.anonymous());
	}

}
