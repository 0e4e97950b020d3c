package dev.realtime.security;

import java.util.regex.Pattern;

/**
 * A pattern of room names where {@code *} stands for any run of characters, possibly empty, and
 * every other character for itself: {@code news:*}, {@code *:admin}, {@code *}.
 */
public final class RoomPattern {

	private final String pattern;

	private final Pattern regex;

	public RoomPattern(String pattern) {
		if (pattern.isEmpty()) {
			throw new IllegalArgumentException("Room pattern must not be empty");
		}
		this.pattern = pattern;
		StringBuilder regex = new StringBuilder();
		for (String literal : pattern.split("\\*", -1)) {
			if (!regex.isEmpty()) {
				regex.append(".*");
			}
			regex.append(Pattern.quote(literal));
		}
		this.regex = Pattern.compile(regex.toString(), Pattern.DOTALL);
	}

	public boolean matches(String room) {
		return this.regex.matcher(room).matches();
	}

	@Override
	public String toString() {
		return this.pattern;
	}

}
