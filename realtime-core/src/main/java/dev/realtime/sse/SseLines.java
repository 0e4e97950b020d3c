package dev.realtime.sse;

/**
 * The line rules of {@code text/event-stream}: a value may not hold a line break, and data
 * spanning several lines becomes one {@code data:} line each.
 */
final class SseLines {

	private SseLines() {
	}

	/** Appends {@code data} as {@code data:} lines, one per line of it. */
	static StringBuilder appendData(StringBuilder sse, String data) {
		int start = 0;
		for (int i = 0; i < data.length(); i++) {
			char c = data.charAt(i);
			if (c == '\n' || c == '\r') {
				sse.append("data: ").append(data, start, i).append('\n');
				if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
					i++;
				}
				start = i + 1;
			}
		}
		return sse.append("data: ").append(data, start, data.length()).append('\n');
	}

	/** {@code value} with every line break replaced by a space, for one-line fields. */
	static String singleLine(String value) {
		return value.replace('\r', ' ').replace('\n', ' ');
	}

}
