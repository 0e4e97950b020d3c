package dev.realtime;

import java.nio.charset.StandardCharsets;

/**
 * A frame received from a client. Its bytes are a copy, safe to keep.
 *
 * @param payload the frame's bytes
 * @param binary whether it arrived as a binary frame
 */
public record ClientMessage(byte[] payload, boolean binary) {

	/** The payload decoded as UTF-8. */
	public String text() {
		return new String(this.payload, StandardCharsets.UTF_8);
	}

}
