package dev.realtime.security;

import java.net.InetSocketAddress;

import dev.realtime.RealtimePrincipal;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Everything checked before a connection exists, for every transport (WebSocket and SSE), in
 * order of cost:
 * <ol>
 * <li>whether the node is draining, as it stops: 503;</li>
 * <li>handshakes in progress on this node ({@link ConcurrentHandshakes}): 503, for as long as
 * this check and authentication take;</li>
 * <li>handshakes of the client's address lately ({@link ClientAddressLimits}): 429, counting
 * every attempt, those refused below included;</li>
 * <li>the {@code Origin} ({@link OriginPolicy}): 403;</li>
 * <li>who it is ({@link RealtimeAuthenticator}): 401;</li>
 * <li>room for the client's address ({@link ClientAddressLimits}): 429;</li>
 * <li>room on this node, then for this user ({@link ConnectionLimits}): 503, 429.</li>
 * </ol>
 * A transport serves the request only with the {@link Admission} it gets, and releases that when
 * the connection ends.
 */
public final class HandshakeGuard {

	private final OriginPolicy origins;

	private final RealtimeAuthenticator authenticator;

	private final ConnectionLimits limits;

	private final ClientAddressLimits addressLimits;

	private final ConcurrentHandshakes concurrent;

	private final LimitCounters counters;

	/** Set when the node starts draining: no handshake is let in after that. */
	private volatile boolean draining;

	public HandshakeGuard(OriginPolicy origins, RealtimeAuthenticator authenticator, ConnectionLimits limits,
			ClientAddressLimits addressLimits, ConcurrentHandshakes concurrent, LimitCounters counters) {
		this.origins = origins;
		this.authenticator = authenticator;
		this.limits = limits;
		this.addressLimits = addressLimits;
		this.concurrent = concurrent;
		this.counters = counters;
	}

	/**
	 * Admits the handshake of {@code exchange}, or fails with a
	 * {@link HandshakeRejectedException} that says which status to answer.
	 */
	public Mono<Admission> admit(ServerWebExchange exchange) {
		if (this.draining) {
			this.counters.increment(LimitEvent.HANDSHAKE_DRAINING);
			return Mono.error(draining());
		}
		ConnectionPermit handshake;
		try {
			handshake = this.concurrent.acquire();
		}
		catch (HandshakeRejectedException ex) {
			return Mono.error(ex);
		}
		// Given back as soon as the handshake is let in, before the upgrade answers; and however
		// else it ends: refused, failed, or the client gone.
		return checked(exchange).doOnNext((admission) -> handshake.release())
			.doFinally((signal) -> handshake.release());
	}

	private Mono<Admission> checked(ServerWebExchange exchange) {
		InetSocketAddress address = exchange.getRequest().getRemoteAddress();
		try {
			this.addressLimits.admitHandshake(address);
		}
		catch (HandshakeRejectedException ex) {
			return Mono.error(ex);
		}
		if (!this.origins.allows(exchange.getRequest())) {
			this.counters.increment(LimitEvent.HANDSHAKE_ORIGIN_REFUSED);
			return Mono.error(new HandshakeRejectedException(HttpStatus.FORBIDDEN, "origin not allowed"));
		}
		return this.authenticator.authenticate(exchange)
			.switchIfEmpty(Mono.defer(() -> {
				this.counters.increment(LimitEvent.HANDSHAKE_UNAUTHORIZED);
				return Mono.error(new HandshakeRejectedException(HttpStatus.UNAUTHORIZED, "authentication required"));
			}))
			.map((principal) -> new Admission(principal, acquire(principal, address)));
	}

	/**
	 * Refuses every handshake from now on with 503 and {@code Retry-After}: the node is stopping,
	 * and its clients must reconnect to another one.
	 */
	public void drain() {
		this.draining = true;
	}

	/**
	 * The refusal a handshake arriving now would get for the state of the whole node, draining
	 * or too many handshakes in progress, or {@code null}: what a client may ask before it tries,
	 * where (like a browser's WebSocket) it cannot read the status of a refused handshake.
	 */
	public @Nullable HandshakeRejectedException busy() {
		if (this.draining) {
			return draining();
		}
		return this.concurrent.isFull() ? ConcurrentHandshakes.refusal() : null;
	}

	private static HandshakeRejectedException draining() {
		return new HandshakeRejectedException(HttpStatus.SERVICE_UNAVAILABLE, "node shutting down");
	}

	private ConnectionPermit acquire(RealtimePrincipal principal, @Nullable InetSocketAddress address) {
		ConnectionPermit addressPlace = this.addressLimits.acquire(address);
		try {
			return this.limits.acquire(principal.userId()).and(addressPlace);
		}
		catch (HandshakeRejectedException ex) {
			addressPlace.release();
			throw ex;
		}
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
