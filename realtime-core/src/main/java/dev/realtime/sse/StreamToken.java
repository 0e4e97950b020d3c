package dev.realtime.sse;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.realtime.StreamPosition;

/**
 * The {@code id:} of the endpoint's events: the position of every room of the stream, so that
 * {@code Last-Event-ID} resumes all of them. Its form is
 * {@code room epoch offset[,room epoch offset...]}; room names and epochs hold neither spaces
 * nor commas.
 */
final class StreamToken {

	private StreamToken() {
	}

	static String format(Map<String, StreamPosition> positions) {
		StringBuilder token = new StringBuilder();
		positions.forEach((room, position) -> {
			if (!token.isEmpty()) {
				token.append(',');
			}
			token.append(room).append(' ').append(position.epoch()).append(' ').append(position.offset());
		});
		return token.toString();
	}

	/** The positions in {@code token}; entries that do not parse are ignored, never fatal. */
	static Map<String, StreamPosition> parse(String token) {
		Map<String, StreamPosition> positions = new LinkedHashMap<>();
		for (String entry : token.split(",")) {
			String[] parts = entry.trim().split(" ");
			if (parts.length == 3) {
				try {
					long offset = Long.parseLong(parts[2]);
					if (offset >= 0) {
						positions.put(parts[0], new StreamPosition(offset, parts[1]));
					}
				}
				catch (NumberFormatException ex) {
					// A token the client mangled resumes nothing for that room: it starts afresh.
				}
			}
		}
		return positions;
	}

}
