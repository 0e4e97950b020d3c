package dev.realtime.websocket;

import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * Upgrades like Spring's {@code ReactorNettyRequestUpgradeStrategy}, but hands the handler a
 * session that exposes its Netty {@link Channel}, which the connection writes frames to. It
 * negotiates permessage-deflate itself, with a bounded inflater ({@link PerMessageDeflate}), and
 * has Reactor Netty pass pings on to the session, which counts them and answers them.
 */
final class NettyUpgradeStrategy implements RequestUpgradeStrategy {

	private final WebsocketServerSpec spec;

	private final boolean compress;

	/**
	 * @param spec the frame size limit, and whether to compress for clients that ask
	 */
	NettyUpgradeStrategy(WebsocketServerSpec spec) {
		this.spec = reactorSpec(spec.maxFramePayloadLength(), null);
		this.compress = spec.compress();
	}

	@Override
	public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler,
			@Nullable String subProtocol, Supplier<HandshakeInfo> handshakeInfoFactory) {
		ServerHttpResponse response = exchange.getResponse();
		HttpServerResponse reactorResponse = ServerHttpResponseDecorator.getNativeResponse(response);
		// Not handshakeInfoFactory.get(): Spring's HandshakeInfo copies every request header and
		// parses the cookies for each session, about 2 KB per connection kept for its lifetime,
		// and nothing reads it here: the principal is resolved before the upgrade, and handlers
		// see the Connection, never the session.
		HandshakeInfo handshakeInfo = new HandshakeInfo(exchange.getRequest().getURI(), HttpHeaders.EMPTY,
				Mono.empty(), subProtocol);
		PerMessageDeflate deflate = this.compress
				? PerMessageDeflate.negotiate(exchange.getRequest().getHeaders(), this.spec.maxFramePayloadLength())
				: null;
		if (deflate != null) {
			// Netty's handshaker adds the response's headers to the 101 it answers.
			response.getHeaders().set(PerMessageDeflate.EXTENSIONS_HEADER, deflate.responseHeader());
		}
		NettyDataBufferFactory bufferFactory = (NettyDataBufferFactory) response.bufferFactory();
		WebsocketServerSpec spec = (subProtocol != null)
				? reactorSpec(this.spec.maxFramePayloadLength(), subProtocol) : this.spec;
		Mono<Void> upgrade = Mono.defer(() -> reactorResponse.sendWebsocket((in, out) -> {
			ChannelSession session = new ChannelSession(in, out, handshakeInfo, bufferFactory, spec, deflate != null);
			if (deflate != null) {
				deflate.install(session.channel().pipeline());
			}
			return handler.handle(session);
		}, spec));
		Channel[] channel = new Channel[1];
		reactorResponse.withConnection((connection) -> channel[0] = connection.channel());
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

	/**
	 * What Reactor Netty upgrades with: no compression of its own, and pings passed on to the
	 * session rather than answered.
	 */
	private static WebsocketServerSpec reactorSpec(int maxFramePayloadLength, @Nullable String subProtocol) {
		WebsocketServerSpec.Builder builder = WebsocketServerSpec.builder()
			.maxFramePayloadLength(maxFramePayloadLength)
			.handlePing(true);
		if (subProtocol != null) {
			builder.protocols(subProtocol);
		}
		return builder.build();
	}

	/** A Reactor Netty session that knows its channel, its frame size limit, and whether it compresses. */
	static final class ChannelSession extends ReactorNettyWebSocketSession {

		private final Channel channel;

		private final int maxFramePayloadLength;

		private final boolean deflate;

		ChannelSession(WebsocketInbound in, WebsocketOutbound out, HandshakeInfo info, NettyDataBufferFactory factory,
				WebsocketServerSpec spec, boolean deflate) {
			super(in, out, info, factory, spec.maxFramePayloadLength());
			this.maxFramePayloadLength = spec.maxFramePayloadLength();
			this.deflate = deflate;
			Channel[] channel = new Channel[1];
			in.withConnection((connection) -> channel[0] = connection.channel());
			this.channel = channel[0];
		}

		Channel channel() {
			return this.channel;
		}

		/** The largest message the client may send, all its frames together, inflated. */
		int maxFramePayloadLength() {
			return this.maxFramePayloadLength;
		}

		/** Whether permessage-deflate was negotiated. */
		boolean deflate() {
			return this.deflate;
		}

	}

}
