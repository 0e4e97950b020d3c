package dev.realtime.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A notification as a user's inbox holds it. Clients receive it as this JSON object.
 *
 * @param id its id in the user's inbox: opaque, unique within it, and newer notifications sort
 * after older ones in the store's own order
 * @param title what it says, in a few words
 * @param body more about it, {@code null} for nothing more
 * @param category what kind of notification it is, for clients to group or style it
 * @param data what the application attached, as JSON; {@code null} for nothing
 * @param timestamp when the inbox stored it, in epoch milliseconds
 * @param read whether the user marked it as read, on any device
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "title", "body", "category", "data", "timestamp", "read" })
public record Notification(String id, String title, @Nullable String body, String category,
		@Nullable JsonNode data, long timestamp, boolean read) {

	/** This notification, read. */
	public Notification asRead() {
		return new Notification(this.id, this.title, this.body, this.category, this.data, this.timestamp, true);
	}

}
