package dev.realtime.hub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

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

	private OutboundFrame(ByteBuf webSocketFrame, int payloadLength) {
		this.webSocketFrame = webSocketFrame;
		this.payloadLength = payloadLength;
	}

	/** A frame carrying {@code payload}, UTF-8 text. */
	public static OutboundFrame text(byte[] payload) {
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
		return new OutboundFrame(buf, length);
	}

	/** A new reference to the WebSocket frame's bytes, for one write; the writer releases it. */
	public ByteBuf webSocketFrame() {
		return this.webSocketFrame.retainedDuplicate();
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
