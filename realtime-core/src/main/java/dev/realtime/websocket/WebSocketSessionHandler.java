package dev.realtime.websocket;


import dev.realtime.ClientMessage;
import dev.realtime.CloseCodes;
import dev.realtime.RealtimeHandler;
import dev.realtime.RealtimePrincipal;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.hub.FrameEncoder;
import dev.realtime.protocol.ErrorCode;
import dev.realtime.protocol.ProtocolCodec;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.netty.NettyPipeline;

/**
 * Runs one WebSocket session: registers its connection with the hub, feeds the client's frames
 * to a {@link RealtimeHandler} one at a time, within the connection's rate limit, and
 * unregisters it when the session ends.
 */
final class WebSocketSessionHandler {

	private static final Logger logger = LoggerFactory.getLogger(WebSocketSessionHandler.class);

	private static final String BACKLOG_DRAINER = "realtime.backlogDrainer";

	private final DefaultRealtimeHub hub;

	private final ProtocolCodec codec;

	private final WebSocketLimits limits;

	private final LimitCounters counters;

	private final WriteBufferWaterMark waterMark;

	private final boolean backlogs;

	WebSocketSessionHandler(DefaultRealtimeHub hub, ProtocolCodec codec, WebSocketLimits limits,
			LimitCounters counters) {
		this.hub = hub;
		this.codec = codec;
		this.limits = limits;
		this.counters = counters;
		this.waterMark = new WriteBufferWaterMark(limits.outboundBufferBytes() / 2, limits.outboundBufferBytes());
		this.backlogs = limits.slowConsumers().holdsBack();
	}

	Mono<Void> handle(WebSocketSession session, RealtimePrincipal principal, RealtimeHandler handler,
			FrameEncoder encoder) {
		Channel channel = channelOf(session);
		channel.config().setWriteBufferWaterMark(this.waterMark);
		WebSocketConnection connection = new WebSocketConnection(principal, channel, encoder, this.limits,
				this.counters, ((NettyUpgradeStrategy.ChannelSession) session).deflate());
		CloseHandshake.install(channel.pipeline(), connection);
		InboundFrameGuard.install(channel.pipeline(), connection,
				((NettyUpgradeStrategy.ChannelSession) session).maxFramePayloadLength(), this.limits.maxSwallowBytes(),
				this.counters);
		if (this.backlogs) {
			addBacklogDrainer(channel, connection);
		}
		InboundRateLimit rateLimit = (this.limits.messagesPerSecond() > 0)
				? new InboundRateLimit(this.limits.messagesPerSecond(), this.limits.messageBurst()) : null;
		this.hub.register(connection);
		return handler.onConnect(connection)
			.thenMany(session.receive())
			// Copy each payload as it arrives: Reactor Netty releases the buffer after onNext.
			.handle((WebSocketMessage message, SynchronousSink<ClientMessage> sink) -> {
				connection.touch();
				if (!connection.isOpen() || (rateLimit != null && !withinRate(connection, rateLimit, message))) {
					return;
				}
				if (message.getType() == WebSocketMessage.Type.PING) {
					connection.pong(bytes(message.getPayload()));
					return;
				}
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

	/**
	 * Whether {@code message} is within the connection's rate. Every frame counts, pings
	 * included; a text or binary frame over the rate is answered with {@code rate_limited}, and
	 * a client that keeps on is closed with 1008.
	 */
	private boolean withinRate(WebSocketConnection connection, InboundRateLimit rateLimit, WebSocketMessage message) {
		InboundRateLimit.Outcome outcome = rateLimit.take();
		if (outcome == InboundRateLimit.Outcome.ACCEPT) {
			return true;
		}
		if (outcome == InboundRateLimit.Outcome.CLOSE) {
			this.counters.increment(LimitEvent.RATE_LIMIT_CLOSED);
			logger.info("Closing {}: it kept sending past its rate limit of {} frames a second", connection,
					this.limits.messagesPerSecond());
			connection.close(CloseCodes.POLICY_VIOLATION, "rate limit exceeded").subscribe();
			return false;
		}
		this.counters.increment(LimitEvent.RATE_LIMITED);
		this.hub.metrics().error(ErrorCode.RATE_LIMITED.code());
		WebSocketMessage.Type type = message.getType();
		if (type == WebSocketMessage.Type.TEXT || type == WebSocketMessage.Type.BINARY) {
			connection.sendText(this.codec.error(null, ErrorCode.RATE_LIMITED,
					"more than " + this.limits.messagesPerSecond() + " frames a second: frame dropped"));
		}
		return false;
	}

	private Mono<Void> onMessage(RealtimeHandler handler, WebSocketConnection connection, ClientMessage message) {
		return Mono.defer(() -> handler.onMessage(connection, message)).onErrorResume((ex) -> {
			logger.warn("Handling a frame of {} failed", connection, ex);
			connection.sendText(this.codec.error(null, ErrorCode.INTERNAL, "the server failed to handle the frame"));
			return Mono.empty();
		});
	}

	/** Drains the connection's backlog whenever its socket takes writes again. */
	private static void addBacklogDrainer(Channel channel, WebSocketConnection connection) {
		ChannelHandler drainer = new ChannelInboundHandlerAdapter() {

			@Override
			public void channelWritabilityChanged(ChannelHandlerContext context) {
				if (context.channel().isWritable()) {
					connection.drainBacklog();
				}
				context.fireChannelWritabilityChanged();
			}

		};
		ChannelPipeline pipeline = channel.pipeline();
		if (pipeline.get(NettyPipeline.ReactiveBridge) != null) {
			pipeline.addBefore(NettyPipeline.ReactiveBridge, BACKLOG_DRAINER, drainer);
		}
		else {
			pipeline.addLast(BACKLOG_DRAINER, drainer);
		}
	}

	/** A copy of a text or binary frame's payload; {@code null} for pings and pongs. */
	private static @Nullable ClientMessage toClientMessage(WebSocketMessage message) {
		WebSocketMessage.Type type = message.getType();
		if (type != WebSocketMessage.Type.TEXT && type != WebSocketMessage.Type.BINARY) {
			return null;
		}
		return new ClientMessage(bytes(message.getPayload()), type == WebSocketMessage.Type.BINARY);
	}

	private static byte[] bytes(DataBuffer payload) {
		byte[] bytes = new byte[payload.readableByteCount()];
		payload.read(bytes);
		return bytes;
	}


	private static Channel channelOf(WebSocketSession session) {
		if (!(session instanceof NettyUpgradeStrategy.ChannelSession channelSession)) {
			throw new IllegalStateException("realtime needs Reactor Netty, but the WebSocket session is a "
					+ session.getClass().getName());
		}
		return channelSession.channel();
	}

}
