package dev.realtime.websocket;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import dev.realtime.CloseCodes;
import dev.realtime.Publication;
import dev.realtime.RealtimePrincipal;
import dev.realtime.hub.AbstractConnection;
import dev.realtime.hub.FrameEncoder;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import dev.realtime.security.SlowConsumerPolicy;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A WebSocket client on Reactor Netty. Frames are written as shared, pre-encoded bytes to the
 * Netty channel from the channel's own event loop, bypassing per-message WebFlux wrappers.
 * <p>
 * The channel's outbound buffer, bounded by its write-buffer high water mark and by a number of
 * frames, is the connection's bounded queue. When it is full as a frame arrives, the frame's
 * {@link SlowConsumerPolicy} decides: {@code disconnect} closes the connection with
 * {@link CloseCodes#SLOW_CONSUMER}; {@code drop-oldest} and {@code conflate} hold frames in a
 * {@link Backlog}, written as soon as the socket takes more, and close the connection only when
 * the client takes nothing for the send timeout. Nobody else is ever delayed.
 */
public final class WebSocketConnection extends AbstractConnection {

	private static final Logger logger = LoggerFactory.getLogger(WebSocketConnection.class);

	/** How long a client gets to read its close frame before the socket is dropped. */
	private static final long CLOSE_GRACE_MILLIS = 1000;

	/** How often a backlog that no writability change drained is looked at again. */
	private static final long BACKLOG_CHECK_MILLIS = 100;

	private final Channel channel;

	private final WebSocketLimits limits;

	private final LimitCounters counters;

	// A field and an updater rather than an AtomicBoolean: 16 bytes less for every connection.
	private static final AtomicIntegerFieldUpdater<WebSocketConnection> CLOSING = AtomicIntegerFieldUpdater
		.newUpdater(WebSocketConnection.class, "closing");

	private volatile int closing;

	/**
	 * Whether the close frame is written; lane-confined. Frames queued before a close are still
	 * written (an error explaining it, say), those after it are not.
	 */
	private boolean closeSent;

	// The slow path's state, touched only on the event loop, and only once a client fell behind.
	private @Nullable Backlog backlog;

	private long lastProgressNanos;

	private boolean dropLogged;

	/** Added to the pipeline when the connection is closed: few ever are while they are open. */
	private @Nullable CloseDrain drain;

	private final boolean compressed;

	/**
	 * @param compressed whether permessage-deflate was negotiated: frames then go through
	 * Netty's encoders, which compress each one for this connection, instead of as shared bytes
	 */
	WebSocketConnection(RealtimePrincipal principal, Channel channel, FrameEncoder encoder, WebSocketLimits limits,
			LimitCounters counters, boolean compressed) {
		super(principal, channel.eventLoop(), encoder);
		this.channel = channel;
		this.limits = limits;
		this.counters = counters;
		this.compressed = compressed;
	}

	@Override
	public String transport() {
		return "websocket";
	}

	@Override
	public boolean isOpen() {
		return this.channel.isActive() && this.closing == 0;
	}

	@Override
	protected boolean write(ByteBuf frame, @Nullable Publication publication) {
		if (this.closeSent || !this.channel.isActive()) {
			frame.release();
			return false;
		}
		String room = (publication != null) ? publication.room() : null;
		if (this.backlog != null && !this.backlog.isEmpty()) {
			// Behind already: the frame queues after those held back, keeping the order.
			holdBack(frame, room);
			return false;
		}
		if (isFull()) {
			// Unflushed writes of this round count against the bounds too: push them to the
			// socket first, and only a client whose socket takes nothing more is behind.
			this.channel.flush();
			if (isFull()) {
				holdBack(frame, room);
				return false;
			}
		}
		this.channel.write(this.compressed ? compress(frame) : frame, this.channel.voidPromise());
		return true;
	}

	@Override
	protected ByteBuf textFrame(String text) {
		return WebSocketFrames.text(text);
	}

	/** The frame for Netty's encoders, which compress it for this connection alone. */
	private static TextWebSocketFrame compress(ByteBuf frame) {
		try {
			return new TextWebSocketFrame(WebSocketFrames.payload(frame));
		}
		finally {
			frame.release();
		}
	}

	@Override
	public long pendingBytes() {
		ChannelOutboundBuffer buffer = this.channel.unsafe().outboundBuffer();
		long socket = (buffer != null) ? buffer.totalPendingWriteBytes() : 0;
		Backlog backlog = this.backlog;
		return socket + ((backlog != null) ? backlog.bytes() : 0);
	}

	@Override
	protected void flush() {
		this.channel.flush();
	}

	@Override
	public Mono<Void> close(int code, String reason) {
		if (CLOSING.compareAndSet(this, 0, 1)) {
			execute(() -> sendClose(code, reason));
		}
		return Mono.create((sink) -> this.channel.closeFuture().addListener((future) -> sink.success()));
	}

	/** Whether the server's close frame is written; on the event loop. */
	boolean closeSent() {
		return this.closeSent;
	}

	/** Sends a WebSocket ping, after every frame already queued. */
	@Override
	protected void heartbeat() {
		execute(() -> {
			if (isOpen() && this.channel.isWritable()) {
				this.channel.writeAndFlush(new PingWebSocketFrame(), this.channel.voidPromise());
			}
		});
	}

	/** Answers a client's ping with a pong of the same payload, after every frame already queued. */
	void pong(byte[] payload) {
		execute(() -> {
			if (!this.closeSent && this.channel.isActive()) {
				this.channel.writeAndFlush(new PongWebSocketFrame(Unpooled.wrappedBuffer(payload)),
						this.channel.voidPromise());
			}
		});
	}

	/**
	 * The {@link CloseDrain} of this connection, ahead of its frame decoder, added on first use;
	 * on the event loop.
	 */
	CloseDrain closeDrain() {
		CloseDrain drain = this.drain;
		if (drain == null) {
			drain = new CloseDrain(this, this.limits.maxSwallowBytes());
			this.drain = drain;
			if (this.channel.pipeline().context(InboundFrameGuard.FRAME_DECODER) != null) {
				this.channel.pipeline().addBefore(InboundFrameGuard.FRAME_DECODER, CloseDrain.NAME, drain);
			}
		}
		return drain;
	}

	/** Writes what the backlog holds, as far as the socket takes it; on the event loop. */
	void drainBacklog() {
		Backlog backlog = this.backlog;
		if (backlog == null || backlog.isEmpty() || this.closeSent || !this.channel.isActive()) {
			return;
		}
		boolean wrote = false;
		while (!backlog.isEmpty() && !isFull()) {
			ByteBuf frame = backlog.poll();
			this.channel.write(this.compressed ? compress(frame) : frame, this.channel.voidPromise());
			wrote = true;
		}
		if (wrote) {
			this.lastProgressNanos = System.nanoTime();
			this.channel.flush();
		}
	}

	private boolean isFull() {
		if (!this.channel.isWritable()) {
			return true;
		}
		ChannelOutboundBuffer buffer = this.channel.unsafe().outboundBuffer();
		return buffer != null && buffer.size() >= this.limits.outboundFrames();
	}

	private void holdBack(ByteBuf frame, @Nullable String room) {
		boolean behind = this.backlog != null && !this.backlog.isEmpty();
		// A reply or direct message to a client already held back for its rooms' sake waits
		// with their frames, rather than cost it the connection those rooms' policy spares.
		SlowConsumerPolicy policy = (room == null && behind) ? SlowConsumerPolicy.DROP_OLDEST
				: this.limits.slowConsumers().policyFor(room);
		if (policy == SlowConsumerPolicy.DISCONNECT) {
			frame.release();
			metrics().dropped("slow_consumer", 1);
			slowConsumer(LimitEvent.SLOW_CONSUMER_DISCONNECTED, "outbound buffer full");
			return;
		}
		if (this.backlog == null) {
			this.backlog = new Backlog(this.limits.outboundFrames(), this.limits.outboundBufferBytes(), this.counters);
			this.channel.closeFuture().addListener((future) -> this.channel.eventLoop().execute(this::releaseBacklog));
		}
		if (this.backlog.add(frame, room, policy) && !this.dropLogged) {
			this.dropLogged = true;
			logger.info("Dropping frames for {} ({}): client reads too slowly ({} bytes pending)", this,
					policy.name().toLowerCase().replace('_', '-'), pendingBytes());
		}
		if (!behind) {
			this.lastProgressNanos = System.nanoTime();
			scheduleBacklogCheck();
		}
	}

	/**
	 * While frames are held back, drains what the socket takes (a full count of frames fires no
	 * writability change) and closes a client that took nothing for the send timeout.
	 */
	private void scheduleBacklogCheck() {
		this.channel.eventLoop().schedule(() -> {
			drainBacklog();
			Backlog backlog = this.backlog;
			if (backlog == null || backlog.isEmpty() || !isOpen()) {
				return;
			}
			if (System.nanoTime() - this.lastProgressNanos >= this.limits.sendTimeout().toNanos()) {
				slowConsumer(LimitEvent.SLOW_CONSUMER_TIMED_OUT,
						"took nothing for " + this.limits.sendTimeout().toMillis() + " ms");
				return;
			}
			scheduleBacklogCheck();
		}, BACKLOG_CHECK_MILLIS, TimeUnit.MILLISECONDS);
	}

	private void releaseBacklog() {
		if (this.backlog != null) {
			this.backlog.clear();
		}
	}

	private void slowConsumer(LimitEvent event, String why) {
		if (!CLOSING.compareAndSet(this, 0, 1)) {
			return;
		}
		this.counters.increment(event);
		logger.info("Disconnecting {}: {} ({} bytes pending), client reads too slowly", this, why, pendingBytes());
		releaseBacklog();
		sendClose(CloseCodes.SLOW_CONSUMER, "slow consumer");
	}

	/**
	 * Sends the close frame after everything already queued, and lets the client answer it:
	 * Reactor Netty closes the socket when the client's close frame arrives. Closing at once
	 * would reset a connection whose client is still sending (a flooder, say), and a reset makes
	 * its kernel discard what it had not read yet: the error frames and the close frame that
	 * explain the closing. A client that never answers, or stopped reading, is cut off after a
	 * grace period and sees 1006.
	 */
	private void sendClose(int code, String reason) {
		closeDrain();
		this.closeSent = true;
		this.channel.writeAndFlush(new CloseWebSocketFrame(code, CloseReason.fit(reason)), this.channel.voidPromise());
		this.channel.eventLoop().schedule(() -> this.channel.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
	}

}
