package dev.realtime.sse;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

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

	/** Events that may wait for the client beyond what the channel's own buffer holds. */
	static final int QUEUE_CAPACITY = 1024;

	private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.US_ASCII);

	private final Channel channel;

	private final ProtocolCodec codec;

	private final Sinks.Many<ByteBuf> outbound = Sinks.many()
		.unicast()
		.onBackpressureBuffer(Queues.<ByteBuf>get(QUEUE_CAPACITY).get());

	private final Sinks.Empty<Void> closed = Sinks.empty();

	private final AtomicBoolean closing = new AtomicBoolean();

	private final Map<String, StreamPosition> positions = new LinkedHashMap<>();

	private byte @Nullable [] idLine;

	SseConnection(RealtimePrincipal principal, Channel channel, SseEventEncoder encoder, ProtocolCodec codec) {
		super(principal, channel.eventLoop(), encoder);
		this.channel = channel;
		this.codec = codec;
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
		return (buffer != null) ? buffer.totalPendingWriteBytes() : 0;
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
				this.outbound.tryEmitNext(SseEventEncoder.event(SseEventEncoder.CLOSE,
						this.codec.close(code, reason).getBytes(StandardCharsets.UTF_8)));
				this.outbound.tryEmitComplete();
			});
		}
		return this.closed.asMono();
	}

	private boolean emit(ByteBuf event) {
		Sinks.EmitResult result = this.outbound.tryEmitNext(event);
		if (result.isSuccess()) {
			return true;
		}
		event.release();
		if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
			metrics().dropped("slow_consumer", 1);
		}
		if (result == Sinks.EmitResult.FAIL_OVERFLOW && this.closing.compareAndSet(false, true)) {
			logger.info("Ending SSE stream of {}: {} events queued, client reads too slowly", this, QUEUE_CAPACITY);
			this.outbound.tryEmitComplete();
		}
		return false;
	}

	private byte[] idLine() {
		if (this.idLine == null) {
			this.idLine = ("id: " + StreamToken.format(this.positions) + "\n").getBytes(StandardCharsets.UTF_8);
		}
		return this.idLine;
	}

	private static ByteBuf text(String text) {
		return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
	}

}
