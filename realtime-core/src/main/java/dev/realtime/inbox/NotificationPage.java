package dev.realtime.inbox;

import org.jspecify.annotations.Nullable;

/**
 * A page of a user's inbox, newest first: the {@code size} newest notifications older than the
 * one {@code before}, or the newest ones when it is {@code null}. Pages are chained by ids rather
 * than numbered, so that what arrives meanwhile shifts nothing.
 *
 * @param before the id of the last notification of the previous page, {@code null} for the first
 * page
 * @param size how many notifications the page holds at most, from 1 to {@value #MAX_SIZE}
 */
public record NotificationPage(@Nullable String before, int size) {

	/** The most notifications one page holds. */
	public static final int MAX_SIZE = 100;

	public NotificationPage {
		if (size < 1 || size > MAX_SIZE) {
			throw new IllegalArgumentException("A page holds 1 to " + MAX_SIZE + " notifications, not " + size);
		}
	}

	/** The first page: the {@code size} newest notifications. */
	public static NotificationPage first(int size) {
		return new NotificationPage(null, size);
	}

	/** The page after the one ending with notification {@code lastId}. */
	public NotificationPage after(String lastId) {
		return new NotificationPage(lastId, this.size);
	}

}
