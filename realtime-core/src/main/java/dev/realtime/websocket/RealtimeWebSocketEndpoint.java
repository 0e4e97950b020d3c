package dev.realtime.websocket;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.realtime.PublicationFormat;
import dev.realtime.RealtimeHandler;
import dev.realtime.hub.FrameEncoder;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.protocol.ProtocolCodec;
import dev.realtime.security.Handshake;
import dev.realtime.security.HandshakeGuard;
import dev.realtime.security.HandshakeRejectedException;
import dev.realtime.security.LimitCounters;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * A WebSocket endpoint: checks that the request is a WebSocket handshake (400, 426), lets the
 * {@link HandshakeGuard} admit it, answers its refusal (401, 403, 429, 503) before any upgrade,
 * and otherwise upgrades and runs the session with its {@link RealtimeHandler}.
 */
public final class RealtimeWebSocketEndpoint implements WebHandler {

	private final DefaultRealtimeHub hub;

	private final UpgradeRequestValidator validator;

	private final HandshakeGuard guard;

	private final WebSocketUpgrade upgrade;

	private final WebSocketSessionHandler sessions;

	private final RealtimeHandler handler;

	private final FrameEncoder encoder;

	/**
	 * @param hub the hub that connections register with
	 * @param codec the protocol codec
	 * @param guard decides which handshakes are let in, and who they are
	 * @param handler handles the frames of each connection
	 * @param spec the WebSocket settings of the upgrade (frame size limit, compression)
	 * @param limits what each connection may take and is given
	 * @param counters where the limits count what they did
	 */
	public RealtimeWebSocketEndpoint(DefaultRealtimeHub hub, ProtocolCodec codec, HandshakeGuard guard,
			RealtimeHandler handler, WebsocketServerSpec spec, WebSocketLimits limits, LimitCounters counters) {
		this.hub = hub;
		this.validator = new UpgradeRequestValidator(counters);
		this.guard = guard;
		this.upgrade = new WebSocketUpgrade(spec);
		this.handler = handler;
		PublicationFormat format = handler.publicationFormat();
		this.encoder = (format != null) ? WebSocketFrames.format(format) : WebSocketFrames.protocol(codec);
		this.sessions = new WebSocketSessionHandler(hub, codec, limits, counters, spec.maxFramePayloadLength());
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange) {
		return this.validator.validate(exchange.getRequest())
			.then(Mono.defer(() -> this.guard.admit(exchange)))
			.flatMap((admission) -> upgrade(exchange, admission))
			.onErrorResume(HandshakeRejectedException.class,
					(ex) -> Handshake.reject(exchange, ex, this.hub.metrics()));
	}

	private Mono<Void> upgrade(ServerWebExchange exchange, HandshakeGuard.Admission admission) {
		// Reactor Netty starts the session before the upgrade completes; a handshake that never
		// got that far (not a valid upgrade, client gone) gives its place back at once.
		AtomicBoolean started = new AtomicBoolean();
		return this.upgrade.upgrade(exchange, (channel, deflate) -> {
			started.set(true);
			return this.sessions.handle(channel, deflate, admission.principal(), this.handler, this.encoder,
					admission.permit()::release);
		}).doFinally((signal) -> {
			if (!started.get()) {
				admission.permit().release();
			}
		});
	}

}
