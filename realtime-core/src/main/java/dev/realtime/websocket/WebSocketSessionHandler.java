package dev.realtime.websocket;


import dev.realtime.ClientMessage;
import dev.realtime.CloseCodes;
import dev.realtime.RealtimeHandler;
import dev.realtime.RealtimePrincipal;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.protocol.ErrorCode;
import dev.realtime.protocol.ProtocolCodec;
import io.netty.channel.Channel;
import io.netty.channel.WriteBufferWaterMark;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;

/**
 * Runs one WebSocket session: registers its connection with the hub, feeds the client's frames
 * to a {@link RealtimeHandler} one at a time, and unregisters it when the session ends.
 */
final class WebSocketSessionHandler {

	private static final Logger logger = LoggerFactory.getLogger(WebSocketSessionHandler.class);

	private final DefaultRealtimeHub hub;

	private final ProtocolCodec codec;

	private final WriteBufferWaterMark waterMark;

	private final boolean compression;

	WebSocketSessionHandler(DefaultRealtimeHub hub, ProtocolCodec codec, int outboundBufferBytes,
			boolean compression) {
		this.hub = hub;
		this.codec = codec;
		this.waterMark = new WriteBufferWaterMark(outboundBufferBytes / 2, outboundBufferBytes);
		this.compression = compression;
	}

	Mono<Void> handle(WebSocketSession session, RealtimePrincipal principal, RealtimeHandler handler) {
		Channel channel = channelOf(session);
		channel.config().setWriteBufferWaterMark(this.waterMark);
		WebSocketConnection connection = new WebSocketConnection(principal, channel, this.codec,
				this.compression && compressed(session));
		this.hub.register(connection);
		return handler.onConnect(connection)
			.thenMany(session.receive())
			// Copy each payload as it arrives: Reactor Netty releases the buffer after onNext.
			.handle((WebSocketMessage message, SynchronousSink<ClientMessage> sink) -> {
				connection.touch();
				ClientMessage received = toClientMessage(message);
				if (received != null) {
					sink.next(received);
				}
			})
			.concatMap((message) -> onMessage(handler, connection, message), 1)
			.then()
			.onErrorResume((ex) -> {
				logger.debug("WebSocket session {} failed", connection, ex);
				return connection.close(CloseCodes.INTERNAL_ERROR, "internal error");
			})
			.doFinally((signal) -> {
				this.hub.unregister(connection);
				handler.onDisconnect(connection)
					.subscribe(null, (ex) -> logger.warn("onDisconnect of {} failed", connection, ex));
			});
	}

	private Mono<Void> onMessage(RealtimeHandler handler, WebSocketConnection connection, ClientMessage message) {
		return Mono.defer(() -> handler.onMessage(connection, message)).onErrorResume((ex) -> {
			logger.warn("Handling a frame of {} failed", connection, ex);
			connection.sendText(this.codec.error(null, ErrorCode.INTERNAL, "the server failed to handle the frame"));
			return Mono.empty();
		});
	}

	/** A copy of a text or binary frame's payload; {@code null} for pings and pongs. */
	private static @Nullable ClientMessage toClientMessage(WebSocketMessage message) {
		WebSocketMessage.Type type = message.getType();
		if (type != WebSocketMessage.Type.TEXT && type != WebSocketMessage.Type.BINARY) {
			return null;
		}
		DataBuffer payload = message.getPayload();
		byte[] bytes = new byte[payload.readableByteCount()];
		payload.read(bytes);
		return new ClientMessage(bytes, type == WebSocketMessage.Type.BINARY);
	}

	/** Whether the client accepted permessage-deflate in the handshake. */
	private static boolean compressed(WebSocketSession session) {
		String extensions = session.getHandshakeInfo().getHeaders().getFirst("Sec-WebSocket-Extensions");
		return extensions != null && extensions.contains("permessage-deflate");
	}

	private static Channel channelOf(WebSocketSession session) {
		if (!(session instanceof NettyUpgradeStrategy.ChannelSession channelSession)) {
			throw new IllegalStateException("realtime needs Reactor Netty, but the WebSocket session is a "
					+ session.getClass().getName());
		}
		return channelSession.channel();
	}

}
