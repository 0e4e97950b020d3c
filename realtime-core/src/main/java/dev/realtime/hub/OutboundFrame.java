package dev.realtime.hub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * One server-to-client frame, encoded once per node and shared by every receiver.
 * <p>
 * It holds the complete WebSocket text frame (header and payload) in one pooled direct buffer.
 * Server frames are unmasked, so the bytes are the same for every connection: a delivery is a
 * reference-counted view of this buffer written to the socket, with no copy and no encoding.
 * The creator owns one reference and must {@link #release()} it once the frame is handed out.
 */
public final class OutboundFrame {

	private static final int FIN_TEXT = 0x81;

	private final ByteBuf webSocketFrame;

	private final int payloadLength;

	private final @Nullable String room;

	private OutboundFrame(ByteBuf webSocketFrame, int payloadLength, @Nullable String room) {
		this.webSocketFrame = webSocketFrame;
		this.payloadLength = payloadLength;
		this.room = room;
	}

	/** A frame carrying {@code payload}, UTF-8 text, outside any room. */
	public static OutboundFrame text(byte[] payload) {
		return text(payload, null);
	}

	/** A frame carrying {@code payload}, UTF-8 text: a publication of {@code room}. */
	public static OutboundFrame text(byte[] payload, @Nullable String room) {
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
		return new OutboundFrame(buf, length, room);
	}

	/** A new reference to the WebSocket frame's bytes, for one write; the writer releases it. */
	public ByteBuf webSocketFrame() {
		return this.webSocketFrame.retainedDuplicate();
	}

	/** The room this frame is a publication of, {@code null} outside rooms; slow-consumer policies go by it. */
	public @Nullable String room() {
		return this.room;
	}

	/** Length of the payload, without the frame header. */
	public int payloadLength() {
		return this.payloadLength;
	}

	void retain() {
		this.webSocketFrame.retain();
	}

	/** Gives up one reference to the frame. */
	public void release() {
		this.webSocketFrame.release();
	}

}
