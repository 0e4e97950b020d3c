package dev.realtime.bench.load;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/** How a subscriber joins a room: our JSON protocol, or STOMP 1.2. */
enum WireProtocol {

	/** {@code subscribe}, answered by a {@code reply}. */
	JSON {
		@Override
		String firstFrame(String room, int index) {
			return "{\"type\":\"subscribe\",\"room\":\"" + room + "\",\"ref\":\"" + index + "\"}";
		}

		@Override
		@Nullable String answer(ByteBuf frame, String room, int index) {
			return null;
		}
	},

	/** {@code CONNECT} without heart-beats; {@code SUBSCRIBE} once {@code CONNECTED} arrives. */
	STOMP {
		@Override
		String firstFrame(String room, int index) {
			return "CONNECT\naccept-version:1.2\nhost:127.0.0.1\nheart-beat:0,0\n\n\0";
		}

		@Override
		@Nullable String answer(ByteBuf frame, String room, int index) {
			if (startsWith(frame, "CONNECTED")) {
				return "SUBSCRIBE\nid:sub-" + index + "\ndestination:/topic/" + room + "\n\n\0";
			}
			if (startsWith(frame, "ERROR")) {
				System.err.println("STOMP error: " + frame.toString(StandardCharsets.UTF_8));
			}
			return null;
		}
	};

	/** The frame a new connection sends first. */
	abstract String firstFrame(String room, int index);

	/** The frame to send in answer to a server frame that is not a publication, if any. */
	abstract @Nullable String answer(ByteBuf frame, String room, int index);

	private static boolean startsWith(ByteBuf frame, String prefix) {
		if (frame.readableBytes() < prefix.length()) {
			return false;
		}
		for (int i = 0; i < prefix.length(); i++) {
			if (frame.getByte(frame.readerIndex() + i) != prefix.charAt(i)) {
				return false;
			}
		}
		return true;
	}

}
