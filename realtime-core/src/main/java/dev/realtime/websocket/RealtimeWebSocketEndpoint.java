package dev.realtime.websocket;

import dev.realtime.RealtimeHandler;
import dev.realtime.RealtimePrincipal;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.protocol.ProtocolCodec;
import dev.realtime.security.Handshake;
import dev.realtime.security.RealtimeAuthenticator;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * A WebSocket endpoint: authenticates the handshake, answers HTTP 401 before any upgrade when
 * that fails, and otherwise upgrades and runs the session with its {@link RealtimeHandler}.
 */
public final class RealtimeWebSocketEndpoint implements WebHandler {

	private final DefaultRealtimeHub hub;

	private final RealtimeAuthenticator authenticator;

	private final WebSocketService webSocketService;

	private final WebSocketSessionHandler sessions;

	private final RealtimeHandler handler;

	/**
	 * @param hub the hub that connections register with
	 * @param codec the protocol codec
	 * @param authenticator decides who is behind each handshake
	 * @param handler handles the frames of each connection
	 * @param spec the WebSocket settings of the upgrade (frame size limit, compression)
	 * @param outboundBufferBytes bytes a connection may have waiting for its client before it is
	 * treated as a slow consumer
	 */
	public RealtimeWebSocketEndpoint(DefaultRealtimeHub hub, ProtocolCodec codec, RealtimeAuthenticator authenticator,
			RealtimeHandler handler, WebsocketServerSpec spec, int outboundBufferBytes) {
		this.hub = hub;
		this.authenticator = authenticator;
		this.webSocketService = new HandshakeWebSocketService(new NettyUpgradeStrategy(spec));
		this.handler = handler;
		this.sessions = new WebSocketSessionHandler(hub, codec, outboundBufferBytes, spec.compress());
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange) {
		return Handshake.authenticate(this.authenticator, exchange, this.hub.metrics(),
				(principal) -> upgrade(exchange, principal));
	}

	private Mono<Void> upgrade(ServerWebExchange exchange, RealtimePrincipal principal) {
		return this.webSocketService.handleRequest(exchange,
				(session) -> this.sessions.handle(session, principal, this.handler));
	}

}
