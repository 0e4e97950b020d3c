package dev.realtime.inbox;

import org.jspecify.annotations.Nullable;

/**
 * What an application sends to a user's inbox, which gives it an id and a time:
 * {@code NewNotification.of("Your order shipped", "ETA Monday").withCategory("orders")}.
 *
 * @param title what it says, in a few words; not blank
 * @param body more about it, {@code null} for nothing more
 * @param category what kind of notification it is; {@value #DEFAULT_CATEGORY} unless given
 * @param data anything JSON-writable the application attaches, {@code null} for nothing; the
 * inbox writes it with the application's JSON mapper
 */
public record NewNotification(String title, @Nullable String body, String category, @Nullable Object data) {

	/** The category of a notification that was given none. */
	public static final String DEFAULT_CATEGORY = "general";

	public NewNotification {
		if (title == null || title.isBlank()) {
			throw new IllegalArgumentException("A notification needs a title");
		}
		if (category == null || category.isBlank()) {
			throw new IllegalArgumentException("A notification's category must not be blank");
		}
	}

	/** A notification of the default category, without data. */
	public static NewNotification of(String title, @Nullable String body) {
		return new NewNotification(title, body, DEFAULT_CATEGORY, null);
	}

	public NewNotification withCategory(String category) {
		return new NewNotification(this.title, this.body, category, this.data);
	}

	public NewNotification withData(@Nullable Object data) {
		return new NewNotification(this.title, this.body, this.category, data);
	}

}
