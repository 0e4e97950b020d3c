package dev.realtime.analytics;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Something a visitor did, to be counted by {@link LiveAnalytics}: its {@code type} (such as
 * {@value #PAGE_VIEW} or {@code signup}) and who did it. The visitor is the user when there is one, else the session: an event with neither is counted
 * by type but adds no visitor and no active user.
 *
 * @param type what happened: 1 to 64 of {@code A-Z a-z 0-9 _ . : -}
 * @param userId the signed-in user, if any
 * @param sessionId the browser session, if any (anonymous visitors)
 */
public record AnalyticsEvent(String type, @Nullable String userId, @Nullable String sessionId) {

	/** The type of a page view, which the snapshot counts apart. */
	public static final String PAGE_VIEW = "page_view";

	/** The longest user or session id. */
	public static final int MAX_ID_LENGTH = 128;

	private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_.:\\-]{1,64}");

	public AnalyticsEvent {
		if (type == null || !TYPE.matcher(type).matches()) {
			throw new IllegalArgumentException("type must be 1 to 64 of A-Z a-z 0-9 _ . : - but was " + type);
		}
		checkId("userId", userId);
		checkId("sessionId", sessionId);
	}

	/** An event of {@code type} by the user {@code userId}. */
	public static AnalyticsEvent of(String type, @Nullable String userId) {
		return new AnalyticsEvent(type, userId, null);
	}

	/** A page view by the user {@code userId}. */
	public static AnalyticsEvent pageView(@Nullable String userId) {
		return of(PAGE_VIEW, userId);
	}

	/** Who the event counts for: the user, else the session, else nobody. */
	public @Nullable String visitor() {
		return (this.userId != null) ? this.userId : this.sessionId;
	}

	private static void checkId(String name, @Nullable String id) {
		if (id != null && (id.isEmpty() || id.length() > MAX_ID_LENGTH)) {
			throw new IllegalArgumentException(name + " must be 1 to " + MAX_ID_LENGTH + " characters");
		}
	}

}
