package dev.realtime;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Something that happened, as published to a room, a user or every connection.
 * <p>
 * {@code data} is any value the application's JSON mapper can write; it is encoded once per node
 * whatever the number of receivers.
 *
 * @param event the event name: {@link #MESSAGE}, {@link #NOTIFICATION}, {@link #UPDATE},
 * {@link #SYSTEM} or a custom name
 * @param data the payload, any JSON-writable value
 * @param from the user id of the sender, {@code null} when the server itself sent it
 * @param ts when the event was created, in epoch milliseconds
 */
public record Event(String event, @Nullable Object data, @Nullable String from, long ts) {

	/** Name of a chat-style message. */
	public static final String MESSAGE = "message";

	/** Name of a notification addressed to a person. */
	public static final String NOTIFICATION = "notification";

	/** Name of a change to some shared state. */
	public static final String UPDATE = "update";

	/** Name of an event the system itself raises. */
	public static final String SYSTEM = "system";

	public Event {
		if (event == null || event.isBlank()) {
			throw new IllegalArgumentException("Event name must not be blank");
		}
	}

	/** An event named {@code event} carrying {@code data}, created now, from the server. */
	public static Event of(String event, @Nullable Object data) {
		return new Event(event, data, null, System.currentTimeMillis());
	}

	public static Event message(@Nullable Object data) {
		return of(MESSAGE, data);
	}

	public static Event notification(@Nullable Object data) {
		return of(NOTIFICATION, data);
	}

	/** A notification with a human-readable {@code title} and its {@code data}. */
	public static Event notification(String title, @Nullable Object data) {
		Map<String, @Nullable Object> payload = new LinkedHashMap<>();
		payload.put("title", title);
		payload.put("data", data);
		return of(NOTIFICATION, payload);
	}

	public static Event update(@Nullable Object data) {
		return of(UPDATE, data);
	}

	public static Event system(@Nullable Object data) {
		return of(SYSTEM, data);
	}

	/** An event with an application-defined name. */
	public static Event custom(String name, @Nullable Object data) {
		return of(name, data);
	}

	/** This event as sent by {@code user}. */
	public Event withFrom(@Nullable String user) {
		return new Event(this.event, this.data, user, this.ts);
	}

}
