package dev.realtime.sse;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import dev.realtime.Publication;
import dev.realtime.StreamPosition;
import dev.realtime.hub.FrameEncoder;
import dev.realtime.protocol.ProtocolCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Publications as Server-Sent Events, without their {@code id:} line, which each stream writes
 * itself: {@code event:} with the event's name, then {@code data:} with the same JSON as the
 * WebSocket {@code message} frame (one line: JSON escapes line breaks), then a blank line.
 * <p>
 * An event named like one of the stream's own events ({@value #SUBSCRIBED}, {@value #CLOSE},
 * {@value #RESYNC})
 * goes out as a plain {@code message}, so no publisher can make a client believe the server
 * spoke; its real name is still in the data.
 */
final class SseEventEncoder implements FrameEncoder {

	/** The stream's own event that answers each room's subscription. */
	static final String SUBSCRIBED = "subscribed";

	/** The stream's own last event, with the code and reason of its end. */
	static final String CLOSE = "close";

	/** The stream's own event telling that publications of a room were lost on the way. */
	static final String RESYNC = "resync";

	private static final Set<String> RESERVED = Set.of(SUBSCRIBED, CLOSE, RESYNC);

	private final ProtocolCodec codec;

	SseEventEncoder(ProtocolCodec codec) {
		this.codec = codec;
	}

	@Override
	public ByteBuf encode(Publication publication) {
		String name = publication.event().event();
		return event(RESERVED.contains(name) ? "message" : name, this.codec.message(publication));
	}

	@Override
	public ByteBuf encodeResync(String room, StreamPosition position) {
		return event(RESYNC, this.codec.resync(room, position));
	}

	/** An event named {@code name} (any name, reserved ones too) carrying {@code data}, UTF-8. */
	static ByteBuf event(String name, byte[] data) {
		if (hasLineBreak(data)) {
			// Only a mapper set to indent its output writes line breaks: one data line each.
			StringBuilder sse = new StringBuilder(data.length + 32).append("event: ")
				.append(SseLines.singleLine(name))
				.append('\n');
			SseLines.appendData(sse, new String(data, StandardCharsets.UTF_8)).append('\n');
			byte[] bytes = sse.toString().getBytes(StandardCharsets.UTF_8);
			return ByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
		}
		byte[] header = ("event: " + SseLines.singleLine(name) + "\ndata: ").getBytes(StandardCharsets.UTF_8);
		ByteBuf event = ByteBufAllocator.DEFAULT.directBuffer(header.length + data.length + 2);
		return event.writeBytes(header).writeBytes(data).writeByte('\n').writeByte('\n');
	}

	private static boolean hasLineBreak(byte[] data) {
		for (byte b : data) {
			if (b == '\n' || b == '\r') {
				return true;
			}
		}
		return false;
	}

}
