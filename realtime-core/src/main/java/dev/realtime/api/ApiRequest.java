package dev.realtime.api;

import dev.realtime.Event;
import dev.realtime.StreamPosition;
import dev.realtime.security.RoomNamePolicy;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The JSON object a server API operation was called with, and its fields as the operations read
 * them: each accessor refuses a missing or mistyped field with a 400 that names it.
 */
final class ApiRequest {

	private final JsonNode body;

	ApiRequest(JsonNode body) {
		this.body = body;
	}

	/** The string field {@code name}, which must be present and not empty. */
	String text(String name) {
		String value = optionalText(name);
		if (value == null || value.isEmpty()) {
			throw ApiException.badRequest("'" + name + "' is required: a non-empty string");
		}
		return value;
	}

	/** The string field {@code name}, or {@code null} when it is absent or null. */
	@Nullable String optionalText(String name) {
		JsonNode value = this.body.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw ApiException.badRequest("'" + name + "' must be a string");
		}
		return value.asString();
	}

	/** The {@code room} field, a room name the policy accepts, as the protocol requires. */
	String room(RoomNamePolicy roomNames) {
		String room = text("room");
		String problem = roomNames.problem(room);
		if (problem != null) {
			throw ApiException.badRequest(problem);
		}
		return room;
	}

	/**
	 * Which one of the string fields {@code first} and {@code second} is given: exactly one must
	 * be.
	 */
	String oneOf(String first, String second) {
		boolean hasFirst = optionalText(first) != null;
		if (hasFirst == (optionalText(second) != null)) {
			throw ApiException.badRequest("give either '" + first + "' or '" + second + "'");
		}
		return hasFirst ? first : second;
	}

	/** The event of {@code event} (default {@code message}) and {@code data} (any JSON), from the server. */
	Event event() {
		String name = optionalText("event");
		if (name != null && name.isBlank()) {
			throw ApiException.badRequest("'event' must not be blank");
		}
		return Event.of((name != null) ? name : Event.MESSAGE, this.body.get("data"));
	}

	/** The integer field {@code name} between {@code min} and {@code max}, or {@code otherwise}. */
	int integer(String name, int otherwise, int min, int max) {
		JsonNode value = this.body.get(name);
		if (value == null || value.isNull()) {
			return otherwise;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
			throw ApiException.badRequest("'" + name + "' must be an integer from " + min + " to " + max);
		}
		return value.asInt();
	}

	/** The position of {@code since}: {@code {"offset": n, "epoch": "…"}}, or {@code null}. */
	@Nullable StreamPosition since() {
		JsonNode since = this.body.get("since");
		if (since == null || since.isNull()) {
			return null;
		}
		JsonNode offset = since.path("offset");
		JsonNode epoch = since.path("epoch");
		if (!since.isObject() || !offset.isIntegralNumber() || !offset.canConvertToLong() || offset.asLong() < 0
				|| !epoch.isString()) {
			throw ApiException.badRequest("'since' must be {\"offset\": <integer, 0 or more>, \"epoch\": <string>}");
		}
		return new StreamPosition(offset.asLong(), epoch.asString());
	}

}
