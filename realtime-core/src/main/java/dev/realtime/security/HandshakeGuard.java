package dev.realtime.security;

import dev.realtime.RealtimePrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Everything checked before a connection exists, for every transport (WebSocket and SSE), in
 * order of cost:
 * <ol>
 * <li>the {@code Origin} ({@link OriginPolicy}): 403;</li>
 * <li>who it is ({@link RealtimeAuthenticator}): 401;</li>
 * <li>room on this node, then for this user ({@link ConnectionLimits}): 503, 429.</li>
 * </ol>
 * A transport serves the request only with the {@link Admission} it gets, and releases that when
 * the connection ends.
 */
public final class HandshakeGuard {

	private final OriginPolicy origins;

	private final RealtimeAuthenticator authenticator;

	private final ConnectionLimits limits;

	private final LimitCounters counters;

	public HandshakeGuard(OriginPolicy origins, RealtimeAuthenticator authenticator, ConnectionLimits limits,
			LimitCounters counters) {
		this.origins = origins;
		this.authenticator = authenticator;
		this.limits = limits;
		this.counters = counters;
	}

	/**
	 * Admits the handshake of {@code exchange}, or fails with a
	 * {@link HandshakeRejectedException} that says which status to answer.
	 */
	public Mono<Admission> admit(ServerWebExchange exchange) {
		if (!this.origins.allows(exchange.getRequest())) {
			this.counters.increment(LimitEvent.HANDSHAKE_ORIGIN_REFUSED);
			return Mono.error(new HandshakeRejectedException(HttpStatus.FORBIDDEN, "origin not allowed"));
		}
		return this.authenticator.authenticate(exchange)
			.switchIfEmpty(Mono.defer(() -> {
				this.counters.increment(LimitEvent.HANDSHAKE_UNAUTHORIZED);
				return Mono.error(new HandshakeRejectedException(HttpStatus.UNAUTHORIZED, "authentication required"));
			}))
			.map((principal) -> new Admission(principal, this.limits.acquire(principal.userId())));
	}

	/**
	 * A handshake let in: who it is, and its place under the connection limits.
	 *
	 * @param principal who is connecting
	 * @param permit the place to release when the connection ends
	 */
	public record Admission(RealtimePrincipal principal, ConnectionPermit permit) {

	}

}
