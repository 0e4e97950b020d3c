package dev.realtime.websocket;

import java.nio.charset.StandardCharsets;

import dev.realtime.ClientInfo;
import dev.realtime.Publication;
import dev.realtime.PublicationFormat;
import dev.realtime.StreamPosition;
import dev.realtime.hub.FrameEncoder;
import dev.realtime.protocol.ProtocolCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Server WebSocket frames as bytes. Server frames are unmasked, so a frame is the same for every
 * connection: encoded once per node, header and payload in one pooled direct buffer, and written
 * to each connection as a reference-counted view of it, with no copy.
 */
final class WebSocketFrames {

	private static final int FIN_TEXT = 0x81;

	private WebSocketFrames() {
	}

	/** A complete, final text frame carrying {@code payload}, which must be UTF-8. */
	static ByteBuf text(byte[] payload) {
		int length = payload.length;
		int header = headerLength(length);
		ByteBuf frame = ByteBufAllocator.DEFAULT.directBuffer(header + length);
		frame.writeByte(FIN_TEXT);
		if (length < 126) {
			frame.writeByte(length);
		}
		else if (length < 65536) {
			frame.writeByte(126);
			frame.writeShort(length);
		}
		else {
			frame.writeByte(127);
			frame.writeLong(length);
		}
		return frame.writeBytes(payload);
	}

	static ByteBuf text(String text) {
		return text(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A new reference to the payload of {@code frame} alone, for a connection that frames it
	 * itself (permessage-deflate compresses per connection).
	 */
	static ByteBuf payload(ByteBuf frame) {
		int lengthByte = frame.getByte(frame.readerIndex() + 1) & 0x7F;
		int header = (lengthByte < 126) ? 2 : (lengthByte == 126) ? 4 : 10;
		return frame.retainedSlice(frame.readerIndex() + header, frame.readableBytes() - header);
	}

	/** The built-in JSON protocol: {@code message}, {@code join}, {@code leave} and {@code resync} frames. */
	static FrameEncoder protocol(ProtocolCodec codec) {
		return new FrameEncoder() {

			@Override
			public ByteBuf encode(Publication publication) {
				return text(codec.message(publication));
			}

			@Override
			public ByteBuf encodeJoin(String room, ClientInfo client) {
				return text(codec.join(room, client));
			}

			@Override
			public ByteBuf encodeLeave(String room, ClientInfo client) {
				return text(codec.leave(room, client));
			}

			@Override
			public ByteBuf encodeResync(String room, StreamPosition position) {
				return text(codec.resync(room, position));
			}

		};
	}

	/** An application's own format: each publication as the text it makes of it. */
	static FrameEncoder format(PublicationFormat format) {
		return (publication) -> text(format.format(publication));
	}

	private static int headerLength(int payloadLength) {
		return (payloadLength < 126) ? 2 : (payloadLength < 65536) ? 4 : 10;
	}

}
