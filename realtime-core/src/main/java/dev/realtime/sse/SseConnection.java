package dev.realtime.sse;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.realtime.RealtimePrincipal;
import dev.realtime.StreamPosition;
import dev.realtime.hub.AbstractConnection;
import dev.realtime.hub.Lane;
import dev.realtime.hub.OutboundFrame;
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

	private final Sinks.Many<ByteBuf> outbound = Sinks.many()
		.unicast()
		.onBackpressureBuffer(Queues.<ByteBuf>get(QUEUE_CAPACITY).get());

	private final Sinks.Empty<Void> closed = Sinks.empty();

	private final AtomicBoolean closing = new AtomicBoolean();

	private final Map<String, StreamPosition> positions = new LinkedHashMap<>();

	private byte @Nullable [] idLine;

	SseConnection(RealtimePrincipal principal, Channel channel, ProtocolCodec codec) {
		super(principal, Lane.of(channel.eventLoop()), codec);
		this.channel = channel;
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
		lane().execute(() -> emit(text("retry: " + retryMillis + "\n\n")));
	}

	/**
	 * The frame announcing that {@code room} is subscribed; on the lane, before any of its
	 * publications. From then on the room's position is part of every event's id.
	 */
	OutboundFrame subscribed(String room, StreamPosition position, byte[] json) {
		this.positions.put(room, position);
		this.idLine = null;
		return OutboundFrame.of(json, null, 0, null, "subscribed");
	}

	@Override
	protected boolean joinsPersonalRoom() {
		return false;
	}

	@Override
	protected boolean write(OutboundFrame frame) {
		if (!isOpen()) {
			return false;
		}
		String room = frame.room();
		if (room != null && frame.epoch() != null && this.positions.containsKey(room)) {
			this.positions.put(room, new StreamPosition(frame.offset(), frame.epoch()));
			this.idLine = null;
		}
		ByteBuf event = frame.sseEvent();
		return emit(this.positions.isEmpty() ? event : Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(idLine()), event));
	}

	@Override
	protected void flush() {
		// Reactor Netty flushes the response body whenever it runs out of queued events.
	}

	@Override
	protected void heartbeat() {
		lane().execute(() -> {
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
			lane().execute(() -> {
				this.outbound.tryEmitNext(text("event: close\ndata: {\"code\":" + code + ",\"reason\":\""
						+ reason.replace("\"", "'").replace('\n', ' ') + "\"}\n\n"));
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
