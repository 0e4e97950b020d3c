package dev.realtime.sse;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.realtime.Publication;
import dev.realtime.RealtimePrincipal;
import dev.realtime.StreamPosition;
import dev.realtime.broker.Replay;
import dev.realtime.hub.AbstractConnection;
import dev.realtime.protocol.ProtocolCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * A Server-Sent Events client: the response body of one {@code text/event-stream} request.
 * <p>
 * Events are the publications' shared SSE bytes, preceded by an {@code id:} line carrying the
 * position of every room of the stream (see {@link StreamToken}). They queue in a bounded
 * buffer that Reactor Netty drains into the channel as fast as the client reads; a client that
 * lets it fill is a slow consumer and its stream is ended. Everything is written from the
 * connection's lane, so the buffer has a single producer.
 */
public final class SseConnection extends AbstractConnection {

	private static final Logger logger = LoggerFactory.getLogger(SseConnection.class);

	/** How long an ended stream's client gets to read the end before the socket is closed. */
	private static final long CLOSE_GRACE_MILLIS = 1000;

	/** Slots the queue of a stream grows by: few events ever wait for an SSE client. */
	private static final int QUEUE_LINK = 8;

	private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.US_ASCII);

	private final Channel channel;

	private final ProtocolCodec codec;

	private final SseLimits limits;

	private final Sinks.Many<ByteBuf> outbound;

	/** Bytes queued for Reactor Netty that it has not taken into the channel yet. */
	private final AtomicLong queuedBytes = new AtomicLong();

	/** Events queued for Reactor Netty that it has not taken yet, at most maxPendingEvents. */
	private final AtomicInteger queuedEvents = new AtomicInteger();

	private final Sinks.Empty<Void> closed = Sinks.empty();

	private final AtomicBoolean closing = new AtomicBoolean();

	private final Map<String, StreamPosition> positions = new LinkedHashMap<>();

	private byte @Nullable [] idLine;

	SseConnection(RealtimePrincipal principal, Channel channel, SseEventEncoder encoder, ProtocolCodec codec,
			SseLimits limits) {
		super(principal, channel.eventLoop(), encoder);
		this.channel = channel;
		this.codec = codec;
		this.limits = limits;
		// A queue that grows as it fills, bounded by the counts above: one of maxPendingEvents
		// slots made up front would cost every idle stream 16 KB (4,096 slots by default).
		this.outbound = Sinks.many().unicast().onBackpressureBuffer(Queues.<ByteBuf>unbounded(QUEUE_LINK).get());
	}

	@Override
	public String transport() {
		return "sse";
	}

	@Override
	public boolean isOpen() {
		return this.channel.isActive() && !this.closing.get();
	}

	/** The response body: every event, as the channel takes them. */
	Flux<DataBuffer> body(NettyDataBufferFactory factory) {
		return this.outbound.asFlux()
			.doOnNext((event) -> {
				this.queuedBytes.addAndGet(-event.readableBytes());
				this.queuedEvents.decrementAndGet();
			})
			.<DataBuffer>map(factory::wrap)
			.doOnDiscard(ByteBuf.class, ReferenceCountUtil::release)
			.doFinally((signal) -> this.closed.tryEmitEmpty());
	}

	/** Advises the client how long to wait before it reconnects; first thing of the stream. */
	void start(long retryMillis) {
		execute(() -> emit(text("retry: " + retryMillis + "\n\n")));
	}

	/**
	 * The {@code subscribed} event announcing that {@code room} is subscribed, before any of its
	 * publications. From then on the room's position is part of every event's id.
	 */
	@Override
	protected ByteBuf subscribedFrame(String room, Replay replay, String reply) {
		this.positions.put(room, replay.position());
		this.idLine = null;
		return SseEventEncoder.event(SseEventEncoder.SUBSCRIBED, reply.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	protected ByteBuf textFrame(String text) {
		return text(SseLines.appendData(new StringBuilder(), text).append('\n').toString());
	}

	@Override
	protected boolean joinsPersonalRoom() {
		return false;
	}

	@Override
	protected boolean write(ByteBuf event, @Nullable Publication publication) {
		if (!isOpen()) {
			event.release();
			return false;
		}
		if (publication != null && publication.inStream() && this.positions.containsKey(publication.room())) {
			this.positions.put(publication.room(), publication.position());
			this.idLine = null;
		}
		return emit(this.positions.isEmpty() ? event : Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(idLine()), event));
	}

	@Override
	protected void flush() {
		// Reactor Netty flushes the response body whenever it runs out of queued events.
	}

	@Override
	protected void heartbeat() {
		execute(() -> {
			if (isOpen()) {
				emit(Unpooled.wrappedBuffer(HEARTBEAT));
			}
		});
	}

	@Override
	public long pendingBytes() {
		ChannelOutboundBuffer buffer = this.channel.unsafe().outboundBuffer();
		return ((buffer != null) ? buffer.totalPendingWriteBytes() : 0) + this.queuedBytes.get();
	}

	/**
	 * Ends the stream after what is queued, with a last {@code close} event carrying
	 * {@code code} and {@code reason}; browsers' {@code EventSource} then reconnect by
	 * themselves unless the page stops them.
	 */
	@Override
	public Mono<Void> close(int code, String reason) {
		if (this.closing.compareAndSet(false, true)) {
			execute(() -> {
				queue(SseEventEncoder.event(SseEventEncoder.CLOSE,
						this.codec.close(code, reason).getBytes(StandardCharsets.UTF_8)));
				end();
			});
		}
		return this.closed.asMono();
	}

	/**
	 * Queues {@code event} for the client, unless that would put more than the limits in wait
	 * for it: then the stream of this slow client ends, and it resumes from its last event.
	 */
	private boolean emit(ByteBuf event) {
		if (pendingBytes() + event.readableBytes() > this.limits.maxPendingBytes()) {
			event.release();
			slowConsumer();
			return false;
		}
		if (!queue(event)) {
			slowConsumer();
			return false;
		}
		return true;
	}

	private boolean queue(ByteBuf event) {
		int bytes = event.readableBytes();
		if (this.queuedEvents.incrementAndGet() <= this.limits.maxPendingEvents()) {
			this.queuedBytes.addAndGet(bytes);
			if (this.outbound.tryEmitNext(event).isSuccess()) {
				return true;
			}
			this.queuedBytes.addAndGet(-bytes);
		}
		this.queuedEvents.decrementAndGet();
		event.release();
		return false;
	}

	private void slowConsumer() {
		metrics().dropped("slow_consumer", 1);
		if (this.closing.compareAndSet(false, true)) {
			logger.info("Ending SSE stream of {}: {} bytes wait for it, client reads too slowly", this, pendingBytes());
			end();
		}
	}

	/**
	 * Ends the stream after what is queued, and closes the socket of a client that has not read
	 * it all within a grace period: an ended stream must not hold its memory and its place.
	 */
	private void end() {
		this.outbound.tryEmitComplete();
		this.channel.eventLoop().schedule(() -> {
			if (this.channel.isActive() && pendingBytes() > 0) {
				this.channel.close();
			}
		}, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
	}

	private byte[] idLine() {
		if (this.idLine == null) {
			String token = StreamToken.format(this.positions.values());
			this.idLine = ("id: " + token + "\n").getBytes(StandardCharsets.UTF_8);
		}
		return this.idLine;
	}

	private static ByteBuf text(String text) {
		return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
	}

}
