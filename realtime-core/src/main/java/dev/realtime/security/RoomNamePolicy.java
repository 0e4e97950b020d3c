package dev.realtime.security;

import java.util.regex.Pattern;

import dev.realtime.broker.Broker;
import org.jspecify.annotations.Nullable;

/**
 * Which room names are valid: they match a pattern and are not longer than a limit. Names of
 * the starter's internal topics never are.
 */
public final class RoomNamePolicy {

	/** The default pattern: letters, digits and {@code : _ - .}. */
	public static final String DEFAULT_PATTERN = "[A-Za-z0-9:_\\-.]+";

	private final Pattern pattern;

	private final int maxLength;

	public RoomNamePolicy(String pattern, int maxLength) {
		this.pattern = Pattern.compile(pattern);
		this.maxLength = maxLength;
	}

	/** The reason {@code name} is invalid, or {@code null} when it is valid. */
	public @Nullable String problem(String name) {
		if (name.isEmpty()) {
			return "room name must not be empty";
		}
		if (name.length() > this.maxLength) {
			return "room name is longer than " + this.maxLength + " characters";
		}
		if (name.startsWith(Broker.INTERNAL_PREFIX) || !this.pattern.matcher(name).matches()) {
			return "room name '" + name + "' does not match " + this.pattern.pattern();
		}
		return null;
	}

	/** Throws {@link IllegalArgumentException} when {@code name} is invalid. */
	public String check(String name) {
		String problem = problem(name);
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
		return name;
	}

}
