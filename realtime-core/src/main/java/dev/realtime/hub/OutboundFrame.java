package dev.realtime.hub;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * One server-to-client frame, encoded once per node and shared by every receiver.
 * <p>
 * It holds the complete WebSocket text frame (header and payload) in one pooled direct buffer.
 * Server frames are unmasked, so the bytes are the same for every connection: a delivery is a
 * reference-counted view of this buffer written to the socket, with no copy and no encoding.
 * The Server-Sent Events form of the same payload is encoded once too, on first use.
 * The creator owns one reference and must {@link #release()} it once the frame is handed out.
 */
public final class OutboundFrame {

	private static final int FIN_TEXT = 0x81;

	private final ByteBuf webSocketFrame;

	private final int headerLength;

	private final @Nullable String room;

	private final long offset;

	private final @Nullable String epoch;

	private final @Nullable String event;

	private final AtomicReference<@Nullable ByteBuf> sseEvent = new AtomicReference<>();

	private final long encodedAtNanos = System.nanoTime();

	private OutboundFrame(ByteBuf webSocketFrame, int headerLength, @Nullable String room, long offset,
			@Nullable String epoch, @Nullable String event) {
		this.webSocketFrame = webSocketFrame;
		this.headerLength = headerLength;
		this.room = room;
		this.offset = offset;
		this.epoch = epoch;
		this.event = event;
	}

	/** A frame carrying {@code payload}, UTF-8 text, outside any room's stream. */
	public static OutboundFrame text(byte[] payload) {
		return of(payload, null, 0, null, null);
	}

	/** A frame carrying {@code text}, outside any room's stream. */
	public static OutboundFrame text(String text) {
		return text(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A frame carrying {@code payload}: the publication at {@code offset} of {@code epoch} in
	 * {@code room}, or a control frame when {@code room} is {@code null}; an SSE event named
	 * {@code event}.
	 */
	public static OutboundFrame of(byte[] payload, @Nullable String room, long offset, @Nullable String epoch,
			@Nullable String event) {
		int length = payload.length;
		int header = (length < 126) ? 2 : (length < 65536) ? 4 : 10;
		ByteBuf buf = ByteBufAllocator.DEFAULT.directBuffer(header + length);
		buf.writeByte(FIN_TEXT);
		if (length < 126) {
			buf.writeByte(length);
		}
		else if (length < 65536) {
			buf.writeByte(126);
			buf.writeShort(length);
		}
		else {
			buf.writeByte(127);
			buf.writeLong(length);
		}
		buf.writeBytes(payload);
		return new OutboundFrame(buf, header, room, offset, epoch, event);
	}

	/** A new reference to the WebSocket frame's bytes, for one write; the writer releases it. */
	public ByteBuf webSocketFrame() {
		return this.webSocketFrame.retainedDuplicate();
	}

	/**
	 * A new reference to the payload alone, for a transport that frames it itself (such as
	 * permessage-deflate, which compresses per connection); the writer releases it.
	 */
	public ByteBuf payload() {
		return this.webSocketFrame.retainedSlice(this.headerLength,
				this.webSocketFrame.readableBytes() - this.headerLength);
	}

	/**
	 * A new reference to the frame as a Server-Sent Event without its {@code id:} line
	 * ({@code event:} when it has a name, then {@code data:} lines, then a blank line), for one
	 * write; the writer releases it.
	 */
	public ByteBuf sseEvent() {
		ByteBuf sse = this.sseEvent.get();
		if (sse == null) {
			ByteBuf encoded = encodeSse();
			if (this.sseEvent.compareAndSet(null, encoded)) {
				sse = encoded;
			}
			else {
				encoded.release();
				sse = this.sseEvent.get();
			}
		}
		return sse.retainedDuplicate();
	}

	/** The room whose stream this frame belongs to, {@code null} for direct frames. */
	public @Nullable String room() {
		return this.room;
	}

	/** The publication's offset in {@link #room()}, {@code 0} outside a room's stream. */
	public long offset() {
		return this.offset;
	}

	/** When the frame was encoded, in {@link System#nanoTime()} units. */
	public long encodedAtNanos() {
		return this.encodedAtNanos;
	}

	/** The epoch of the publication, {@code null} outside a room's stream. */
	public @Nullable String epoch() {
		return this.epoch;
	}

	/** Length of the payload, without the frame header. */
	public int payloadLength() {
		return this.webSocketFrame.readableBytes() - this.headerLength;
	}

	/** The payload, without the WebSocket header, as a string. */
	public String payloadText() {
		return this.webSocketFrame.toString(this.headerLength,
				this.webSocketFrame.readableBytes() - this.headerLength, StandardCharsets.UTF_8);
	}

	void retain() {
		this.webSocketFrame.retain();
	}

	/** Gives up one reference to the frame. */
	public void release() {
		if (this.webSocketFrame.release()) {
			ByteBuf sse = this.sseEvent.getAndSet(null);
			if (sse != null) {
				sse.release();
			}
		}
	}

	private ByteBuf encodeSse() {
		StringBuilder sse = new StringBuilder(this.webSocketFrame.readableBytes() + 32);
		if (this.event != null) {
			sse.append("event: ").append(SseLines.singleLine(this.event)).append('\n');
		}
		SseLines.appendData(sse, payloadText());
		sse.append('\n');
		byte[] bytes = sse.toString().getBytes(StandardCharsets.UTF_8);
		return ByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
	}

}
