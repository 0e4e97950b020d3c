package dev.realtime.websocket;

import java.nio.charset.StandardCharsets;

/**
 * The reason of a close frame, as RFC 6455 lets it be: a control frame carries at most 125
 * bytes, two of which are the close code, so a reason gets 123 bytes of UTF-8. A longer one
 * would make the frame invalid, and the client fail the connection (1006) instead of reading
 * the code.
 */
final class CloseReason {

	/** Bytes of UTF-8 a close frame has room for after its code. */
	static final int MAX_BYTES = 123;

	private CloseReason() {
	}

	/**
	 * {@code reason} cut to at most {@link #MAX_BYTES} bytes of UTF-8, between two characters
	 * so that what remains is still valid UTF-8.
	 */
	static String fit(String reason) {
		byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
		if (bytes.length <= MAX_BYTES) {
			return reason;
		}
		int end = MAX_BYTES;
		// A continuation byte (10xxxxxx) is in the middle of a character: cut before it starts.
		while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
			end--;
		}
		return new String(bytes, 0, end, StandardCharsets.UTF_8);
	}

}
