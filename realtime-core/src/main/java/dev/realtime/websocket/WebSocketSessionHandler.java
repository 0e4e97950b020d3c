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
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Runs the WebSocket sessions of an endpoint: registers each connection with the hub, guards
 * and dispatches its client's frames ({@link InboundFrameGuard}, {@link InboundDispatcher}), and
 * unregisters it when its channel closes.
 */
final class WebSocketSessionHandler {

	private static final Logger logger = LoggerFactory.getLogger(WebSocketSessionHandler.class);

	private final DefaultRealtimeHub hub;

	private final ProtocolCodec codec;

	private final WebSocketLimits limits;

	private final LimitCounters counters;

	private final WriteBufferWaterMark waterMark;

	private final WebSocketDecoderConfig decoderConfig;

	/**
	 * @param maxMessageBytes the largest message a client may send, all its frames together,
	 * inflated
	 */
	WebSocketSessionHandler(DefaultRealtimeHub hub, ProtocolCodec codec, WebSocketLimits limits,
			LimitCounters counters, int maxMessageBytes) {
		this.hub = hub;
		this.codec = codec;
		this.limits = limits;
		this.counters = counters;
		this.waterMark = new WriteBufferWaterMark(limits.outboundBufferBytes() / 2, limits.outboundBufferBytes());
		this.decoderConfig = InboundFrameGuard.decoderConfig(maxMessageBytes);
	}

	/**
	 * Runs the session of the upgraded {@code channel}: registers its connection, feeds its
	 * messages to {@code handler}, and when the channel closes unregisters it, tells the handler
	 * and runs {@code ended}.
	 * @param channel the upgraded channel
	 * @param deflate whether permessage-deflate was negotiated
	 * @param principal who the client is
	 * @param handler handles the client's messages
	 * @param encoder how publications are framed for this endpoint
	 * @param ended what to do once the connection is gone
	 * @return what Reactor Netty waits on: nothing, as the channel's closing ends the session
	 */
	Mono<Void> handle(Channel channel, boolean deflate, RealtimePrincipal principal, RealtimeHandler handler,
			FrameEncoder encoder, Runnable ended) {
		channel.config().setWriteBufferWaterMark(this.waterMark);
		WebSocketConnection connection = new WebSocketConnection(principal, channel, encoder, this.limits,
				this.counters, deflate);
		ChannelPipeline pipeline = channel.pipeline();
		InboundFrameGuard.install(pipeline, connection, this.decoderConfig, this.counters);
		InboundRateLimit rateLimit = (this.limits.messagesPerSecond() > 0)
				? new InboundRateLimit(this.limits.messagesPerSecond(), this.limits.messageBurst()) : null;
		this.hub.register(connection);
		InboundDispatcher.install(pipeline, this, connection, handler, rateLimit, ended,
				handler.onConnect(connection));
		return Mono.never();
	}

	/**
	 * Unregisters {@code connection}, whose channel closed, tells {@code handler}, and runs
	 * {@code ended}; once, on the event loop.
	 */
	void closed(WebSocketConnection connection, RealtimeHandler handler, Runnable ended) {
		this.hub.unregister(connection);
		handler.onDisconnect(connection).subscribe(null, (ex) -> logger.warn("onDisconnect of {} failed", connection, ex));
		ended.run();
	}

	/** Closes {@code connection} with 1011 after its handler failed with {@code ex}. */
	Mono<Void> failed(WebSocketConnection connection, Throwable ex) {
		logger.debug("WebSocket session {} failed", connection, ex);
		return connection.close(CloseCodes.INTERNAL_ERROR, "internal error");
	}

	/**
	 * Whether {@code frame} is within the connection's rate. Every frame counts, pings
	 * included; a text or binary frame over the rate is answered with {@code rate_limited}, and
	 * a client that keeps on is closed with 1008.
	 */
	boolean withinRate(WebSocketConnection connection, InboundRateLimit rateLimit, WebSocketFrame frame) {
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
		if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
			connection.sendText(this.codec.error(null, ErrorCode.RATE_LIMITED,
					"more than " + this.limits.messagesPerSecond() + " frames a second: frame dropped"));
		}
		return false;
	}

	/** {@code handler}'s handling of {@code message}; a failure is answered with {@code internal}. */
	Mono<Void> onMessage(RealtimeHandler handler, WebSocketConnection connection, ClientMessage message) {
		return Mono.defer(() -> handler.onMessage(connection, message)).onErrorResume((ex) -> {
			logger.warn("Handling a frame of {} failed", connection, ex);
			connection.sendText(this.codec.error(null, ErrorCode.INTERNAL, "the server failed to handle the frame"));
			return Mono.empty();
		});
	}

}
