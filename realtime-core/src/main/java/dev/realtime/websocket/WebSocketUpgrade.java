package dev.realtime.websocket;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Upgrades a validated handshake on Reactor Netty and starts its session on the upgraded
 * channel. Neither WebFlux's {@code WebSocketSession} nor a reactive chain over Reactor Netty's
 * inbound is made: the session reads its frames off the pipeline ({@link InboundDispatcher}) and
 * writes them to the channel, which keeps an idle connection's memory near what Reactor Netty
 * itself needs. It negotiates permessage-deflate itself, with a bounded inflater
 * ({@link PerMessageDeflate}), and has Reactor Netty pass pings on, which the session counts
 * and answers.
 */
final class WebSocketUpgrade {

	private final WebsocketServerSpec spec;

	private final boolean compress;

	/**
	 * @param spec the frame size limit, and whether to compress for clients that ask
	 */
	WebSocketUpgrade(WebsocketServerSpec spec) {
		this.spec = WebsocketServerSpec.builder()
			.maxFramePayloadLength(spec.maxFramePayloadLength())
			.handlePing(true)
			.build();
		this.compress = spec.compress();
	}

	/**
	 * Upgrades {@code exchange}, which must be a valid WebSocket handshake, and runs
	 * {@code session} on its channel.
	 */
	Mono<Void> upgrade(ServerWebExchange exchange, Session session) {
		ServerHttpResponse response = exchange.getResponse();
		HttpServerResponse reactorResponse = ServerHttpResponseDecorator.getNativeResponse(response);
		PerMessageDeflate deflate = this.compress
				? PerMessageDeflate.negotiate(exchange.getRequest().getHeaders(), this.spec.maxFramePayloadLength())
				: null;
		if (deflate != null) {
			// Netty's handshaker adds the response's headers to the 101 it answers.
			response.getHeaders().set(PerMessageDeflate.EXTENSIONS_HEADER, deflate.responseHeader());
		}
		Channel[] channel = new Channel[1];
		reactorResponse.withConnection((connection) -> channel[0] = connection.channel());
		Mono<Void> upgrade = Mono.defer(() -> reactorResponse.sendWebsocket((in, out) -> {
			if (deflate != null) {
				deflate.install(channel[0].pipeline());
			}
			return session.start(channel[0], deflate != null);
		}, this.spec));
		// setComplete() runs WebFlux's pre-commit actions before the upgrade, as Spring's does.
		return response.setComplete().then(onEventLoop(upgrade, channel[0].eventLoop()));
	}

	/**
	 * Runs {@code upgrade} on the connection's event loop. An authenticator that answers on
	 * another thread would otherwise upgrade from that thread, and the session could start there
	 * too (when the 101 is written before Reactor Netty listens for it). Its pipeline changes
	 * (the frame decoder replaced, the guards added) then wait for the event loop as tasks, while
	 * the event loop already reads the client's first frame: that frame passes the decoder that
	 * is not yet in place and is lost. From the event loop, the 101's write, the session's start
	 * and its pipeline changes happen before the loop reads anything more.
	 */
	private static Mono<Void> onEventLoop(Mono<Void> upgrade, EventLoop eventLoop) {
		return Mono.defer(() -> eventLoop.inEventLoop() ? upgrade
				: upgrade.subscribeOn(Schedulers.fromExecutor(eventLoop)));
	}

	/** The session of an upgraded connection. */
	@FunctionalInterface
	interface Session {

		/**
		 * Starts the session on {@code channel}, on its event loop.
		 * @param channel the upgraded channel
		 * @param deflate whether permessage-deflate was negotiated
		 * @return what Reactor Netty waits on before it closes the connection
		 */
		Mono<Void> start(Channel channel, boolean deflate);

	}

}
