package dev.realtime.websocket;

import java.util.ArrayDeque;

import dev.realtime.ClientMessage;
import dev.realtime.RealtimeHandler;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The inbound side of one WebSocket session, read straight off the pipeline: each whole text or
 * binary message goes to the {@link RealtimeHandler}, one at a time and in order, after
 * {@link RealtimeHandler#onConnect onConnect} completed; pings are answered; every frame counts
 * against the connection's rate and as a sign of life. No reactive chain is kept per
 * connection, and nothing is buffered by Reactor Netty: while a message is being handled (a
 * broker round trip, say), the frames that follow wait here and the socket is not read further.
 * <p>
 * It also completes a close handshake the server began: when the client answers the server's
 * close frame with its own, the socket is closed. Reactor Netty, which does not know the
 * server's close frame was sent (it is written with the connection's other frames, in order),
 * would otherwise answer with a second close frame, which browsers treat as a failure (1006).
 * Any other close frame goes on to Reactor Netty, which answers it. And it drains the
 * connection's backlog whenever its socket takes writes again.
 * <p>
 * Confined to the connection's event loop.
 */
final class InboundDispatcher extends ChannelInboundHandlerAdapter {

	private static final String NAME = "realtime.inboundDispatcher";

	private final WebSocketSessionHandler session;

	private final WebSocketConnection connection;

	private final RealtimeHandler handler;

	private final @Nullable InboundRateLimit rateLimit;

	/** What to do once the channel closed, after the session let the connection go. */
	private final Runnable ended;

	private boolean closed;

	private @Nullable ChannelHandlerContext context;

	/** Whether a message, or onConnect, is being handled: those that come meanwhile wait. */
	private boolean busy = true;

	/** Whether the handling in progress is still inside {@link #handle}, on this thread. */
	private boolean handling;

	/** Whether it completed there, so that the next message is handled by the same loop. */
	private boolean completedInline;

	private @Nullable ArrayDeque<ClientMessage> waiting;

	private InboundDispatcher(WebSocketSessionHandler session, WebSocketConnection connection,
			RealtimeHandler handler, @Nullable InboundRateLimit rateLimit, Runnable ended) {
		this.session = session;
		this.connection = connection;
		this.handler = handler;
		this.rateLimit = rateLimit;
		this.ended = ended;
	}

	/**
	 * Adds the dispatcher of {@code connection} ahead of Reactor Netty's handlers, and starts it
	 * with {@code onConnect}: messages are handled once it completed. When the channel closes,
	 * the session lets the connection go and {@code ended} runs. On the event loop.
	 */
	static void install(ChannelPipeline pipeline, WebSocketSessionHandler session, WebSocketConnection connection,
			RealtimeHandler handler, @Nullable InboundRateLimit rateLimit, Runnable ended, Mono<Void> onConnect) {
		InboundDispatcher dispatcher = new InboundDispatcher(session, connection, handler, rateLimit, ended);
		ReactorPipeline.addAheadOfReactor(pipeline, NAME, dispatcher);
		if (!pipeline.channel().isActive()) {
			// Gone during the upgrade: no channelInactive will come.
			dispatcher.close();
			return;
		}
		// Reactor Netty reads only as far as its inbound is asked for, and nothing asks it now.
		pipeline.channel().config().setAutoRead(true);
		if (dispatcher.run(onConnect.onErrorResume((ex) -> session.failed(connection, ex)))) {
			dispatcher.next(null);
		}
	}

	@Override
	public void handlerAdded(ChannelHandlerContext context) {
		this.context = context;
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		if (message instanceof CloseWebSocketFrame) {
			if (this.connection.closeSent()) {
				ReferenceCountUtil.release(message);
				context.close();
			}
			else {
				context.fireChannelRead(message);
			}
			return;
		}
		if (!(message instanceof WebSocketFrame frame)) {
			context.fireChannelRead(message);
			return;
		}
		try {
			this.connection.touch();
			if (!this.connection.isOpen()
					|| (this.rateLimit != null && !this.session.withinRate(this.connection, this.rateLimit, frame))) {
				return;
			}
			if (frame instanceof PingWebSocketFrame) {
				this.connection.pong(ByteBufUtil.getBytes(frame.content()));
			}
			else if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
				accept(new ClientMessage(ByteBufUtil.getBytes(frame.content()), frame instanceof BinaryWebSocketFrame));
			}
		}
		finally {
			frame.release();
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext context) {
		close();
		context.fireChannelInactive();
	}

	// Through the pipeline rather than a listener on the channel's close future: an idle
	// connection keeps no listener object for it.
	private void close() {
		if (!this.closed) {
			this.closed = true;
			this.session.closed(this.connection, this.handler, this.ended);
		}
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext context) {
		if (context.channel().isWritable()) {
			this.connection.drainBacklog();
		}
		context.fireChannelWritabilityChanged();
	}

	private void accept(ClientMessage message) {
		if (!this.busy) {
			next(message);
			return;
		}
		if (this.waiting == null) {
			this.waiting = new ArrayDeque<>(4);
		}
		this.waiting.add(message);
		// The socket is read again once these are handled: the client waits in its own buffers.
		channelContext().channel().config().setAutoRead(false);
	}

	/**
	 * Handles {@code message} and those that wait after it, as long as each completes at once;
	 * then reads the socket again. A connection closed meanwhile drops what still waits.
	 */
	private void next(@Nullable ClientMessage message) {
		if (!this.connection.isOpen()) {
			this.waiting = null;
			return;
		}
		while (message != null) {
			if (!run(this.session.onMessage(this.handler, this.connection, message))) {
				return;
			}
			message = (this.waiting != null) ? this.waiting.poll() : null;
		}
		this.busy = false;
		ChannelConfig config = channelContext().channel().config();
		if (!config.isAutoRead()) {
			config.setAutoRead(true);
		}
	}

	/** Subscribes to {@code handling}; whether it completed at once. */
	private boolean run(Mono<Void> handling) {
		this.busy = true;
		this.handling = true;
		this.completedInline = false;
		handling.subscribe(null, null, this::completed);
		this.handling = false;
		return this.completedInline;
	}

	private void completed() {
		ChannelHandlerContext context = channelContext();
		if (this.handling && context.executor().inEventLoop()) {
			this.completedInline = true;
			return;
		}
		context.executor().execute(() -> next((this.waiting != null) ? this.waiting.poll() : null));
	}

	private ChannelHandlerContext channelContext() {
		ChannelHandlerContext context = this.context;
		if (context == null) {
			throw new IllegalStateException("not in a pipeline");
		}
		return context;
	}

}
