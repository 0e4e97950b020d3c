package dev.realtime.websocket;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.realtime.CloseCodes;
import dev.realtime.RealtimePrincipal;
import dev.realtime.hub.AbstractConnection;
import dev.realtime.hub.Lane;
import dev.realtime.hub.OutboundFrame;
import dev.realtime.protocol.ProtocolCodec;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A WebSocket client on Reactor Netty; its heartbeat is a WebSocket ping. Frames are written as
 * shared, pre-encoded bytes to the Netty channel from the channel's own event loop, bypassing
 * per-message WebFlux wrappers.
 * <p>
 * The channel's outbound buffer, bounded by its write-buffer high water mark, is the
 * connection's bounded queue: a client whose buffer is full when a frame arrives is a slow
 * consumer and is disconnected with {@link CloseCodes#SLOW_CONSUMER}, without delaying anyone.
 */
public final class WebSocketConnection extends AbstractConnection {

	private static final Logger logger = LoggerFactory.getLogger(WebSocketConnection.class);

	/** How long a client gets to read its close frame before the socket is dropped. */
	private static final long CLOSE_GRACE_MILLIS = 1000;

	private final Channel channel;

	private final AtomicBoolean closing = new AtomicBoolean();

	private final boolean compressed;

	/**
	 * @param compressed whether permessage-deflate was negotiated: frames then go through
	 * Netty's encoders, which compress each one for this connection, instead of as shared bytes
	 */
	WebSocketConnection(RealtimePrincipal principal, Channel channel, ProtocolCodec codec, boolean compressed) {
		super(principal, Lane.of(channel.eventLoop()), codec);
		this.channel = channel;
		this.compressed = compressed;
	}

	@Override
	public String transport() {
		return "websocket";
	}

	@Override
	public boolean isOpen() {
		return this.channel.isActive() && !this.closing.get();
	}

	@Override
	protected boolean write(OutboundFrame frame) {
		if (!isOpen()) {
			return false;
		}
		if (!this.channel.isWritable()) {
			// Unflushed writes of this round count against the mark too: push them to the
			// socket first, and only a client whose socket takes nothing more is slow.
			this.channel.flush();
			if (!this.channel.isWritable()) {
				slowConsumer();
				metrics().dropped("slow_consumer", 1);
				return false;
			}
		}
		Object message = this.compressed ? new TextWebSocketFrame(frame.payload()) : frame.webSocketFrame();
		this.channel.write(message, this.channel.voidPromise());
		return true;
	}

	@Override
	public long pendingBytes() {
		ChannelOutboundBuffer buffer = this.channel.unsafe().outboundBuffer();
		return (buffer != null) ? buffer.totalPendingWriteBytes() : 0;
	}

	@Override
	protected void flush() {
		this.channel.flush();
	}

	@Override
	public Mono<Void> close(int code, String reason) {
		if (this.closing.compareAndSet(false, true)) {
			lane().execute(() -> sendClose(code, reason));
		}
		return Mono.create((sink) -> this.channel.closeFuture().addListener((future) -> sink.success()));
	}

	@Override
	protected void heartbeat() {
		lane().execute(() -> {
			if (isOpen() && this.channel.isWritable()) {
				this.channel.writeAndFlush(new PingWebSocketFrame(), this.channel.voidPromise());
			}
		});
	}

	private void slowConsumer() {
		if (!this.closing.compareAndSet(false, true)) {
			return;
		}
		logger.info("Disconnecting {}: outbound buffer full ({} bytes pending), client reads too slowly", this,
				pendingBytes());
		sendClose(CloseCodes.SLOW_CONSUMER, "slow consumer");
	}

	/**
	 * Sends the close frame after everything already queued, then closes the socket. A client
	 * that reads gets the frame; one that stopped reading never would, so after a grace period
	 * the socket is closed regardless and that client sees 1006.
	 */
	private void sendClose(int code, String reason) {
		this.channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
		this.channel.eventLoop().schedule(() -> this.channel.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
	}

}
