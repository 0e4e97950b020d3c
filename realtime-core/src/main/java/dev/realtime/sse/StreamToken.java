package dev.realtime.sse;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.realtime.StreamPosition;

/**
 * The {@code id:} of the endpoint's events: where the stream stands in every room, so that
 * {@code Last-Event-ID} resumes all of them. It is written in every event, so it is kept small:
 * one entry per room, in the order the stream names its rooms (the rooms themselves are in the
 * URL the client reconnects to), separated by {@code .}; each entry the offset in base 36, a
 * {@code -}, and the first {@value #EPOCH_CHARS} characters of the epoch, enough to tell epochs
 * apart. An empty entry is a room with no position yet. About 12 bytes a room, where the room's
 * name and whole epoch took 30 or more.
 * <p>
 * Tokens of the earlier form, {@code room epoch offset[,room epoch offset...]}, are still read.
 */
final class StreamToken {

	/** Characters of an epoch the token keeps. */
	static final int EPOCH_CHARS = 6;

	private StreamToken() {
	}

	/** The token of {@code positions}, given in the order the stream names its rooms. */
	static String format(Collection<StreamPosition> positions) {
		StringBuilder token = new StringBuilder(positions.size() * 12);
		for (StreamPosition position : positions) {
			if (!token.isEmpty()) {
				token.append('.');
			}
			String epoch = position.epoch();
			token.append(Long.toString(position.offset(), 36))
				.append('-')
				.append(epoch, 0, Math.min(EPOCH_CHARS, epoch.length()));
		}
		return token.toString();
	}

	/**
	 * The positions in {@code token}, by room, {@code rooms} being the stream's rooms in order.
	 * An epoch may be abbreviated: {@link #matches} compares it. Entries that do not parse are
	 * ignored, never fatal: that room starts afresh.
	 */
	static Map<String, StreamPosition> parse(String token, List<String> rooms) {
		if (token.contains(" ")) {
			return parseLong(token);
		}
		Map<String, StreamPosition> positions = new LinkedHashMap<>();
		String[] entries = token.split("\\.", -1);
		for (int i = 0; i < entries.length && i < rooms.size(); i++) {
			int dash = entries[i].indexOf('-');
			if (dash > 0) {
				try {
					long offset = Long.parseLong(entries[i].substring(0, dash), 36);
					if (offset >= 0) {
						positions.put(rooms.get(i), new StreamPosition(offset, entries[i].substring(dash + 1)));
					}
				}
				catch (NumberFormatException ex) {
					// A token the client mangled resumes nothing for that room: it starts afresh.
				}
			}
		}
		return positions;
	}

	/** Whether {@code epoch}, as a token holds it, is the room's {@code current} one. */
	static boolean matches(String epoch, String current) {
		return !epoch.isEmpty() && current.startsWith(epoch);
	}

	private static Map<String, StreamPosition> parseLong(String token) {
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
					// As above: that room starts afresh.
				}
			}
		}
		return positions;
	}

}
