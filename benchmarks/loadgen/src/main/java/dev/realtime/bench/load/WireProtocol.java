package dev.realtime.bench.load;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/** How a subscriber joins a room: our JSON protocol, STOMP 1.2, or Socket.IO 4. */
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
	},

	/**
	 * Socket.IO 4 over a bare WebSocket (Engine.IO v4, {@code ?EIO=4&transport=websocket}): the
	 * server opens with {@code 0{…}}, the client connects to the main namespace with {@code 40}, the
	 * server confirms with {@code 40{"sid":…}}, and the client then asks to join the room with an
	 * event, {@code 42["join","r"]}, that the benchmark's Socket.IO server handles (Socket.IO has no
	 * client-side join). Events arrive as {@code 42["tick",{…}]}; the server pings with {@code 2} and
	 * closes a connection that does not answer {@code 3} within its ping timeout.
	 */
	SOCKETIO {
		@Override
		@Nullable String firstFrame(String room, int index) {
			// The server speaks first: its open packet.
			return null;
		}

		@Override
		@Nullable String answer(ByteBuf frame, String room, int index) {
			if (frame.readableBytes() == 1 && frame.getByte(frame.readerIndex()) == '2') {
				return "3";
			}
			if (startsWith(frame, "0{")) {
				return "40";
			}
			if (startsWith(frame, "40")) {
				return "42[\"join\",\"" + room + "\"]";
			}
			if (startsWith(frame, "44")) {
				System.err.println("Socket.IO connect error: " + frame.toString(StandardCharsets.UTF_8));
			}
			return null;
		}
	};

	/** The frame a new connection sends first, or {@code null} when the server speaks first. */
	abstract @Nullable String firstFrame(String room, int index);

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
