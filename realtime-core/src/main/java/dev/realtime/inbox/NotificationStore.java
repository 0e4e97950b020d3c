package dev.realtime.inbox;

import java.util.Collection;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Where the inbox keeps each user's notifications and which of them are read. Every backend
 * passes {@code NotificationStoreContractTests}.
 * <p>
 * Contract:
 * <ul>
 * <li>{@link #add} gives the notification an id that no notification of the user had before,
 * and the time it was stored.</li>
 * <li>Retention: a user keeps at most a configured number of notifications, read or not; adding
 * one more evicts the oldest. Notifications older than a configured age are gone, from every
 * answer, whether or not anything was added since.</li>
 * <li>Read state is per notification and only ever goes from unread to read; the read state of
 * an evicted notification goes with it. Ids the user's inbox does not hold (evicted, another
 * user's, malformed) are ignored when marking.</li>
 * <li>Every answer lists notifications newest first.</li>
 * <li>A store shared by several nodes gives every node the same answers.</li>
 * </ul>
 */
public interface NotificationStore {

	/**
	 * Stores {@code notification} for {@code userId}, unread, evicting what retention requires.
	 * @param data the notification's data, as the inbox wrote it; {@code null} for none
	 */
	Mono<Notification> add(String userId, NewNotification notification, @Nullable JsonNode data);

	/** The user's unread notifications, newest first: all of them, which retention bounds. */
	Flux<Notification> unread(String userId);

	/** How many of the user's notifications are unread. */
	Mono<Long> unreadCount(String userId);

	/**
	 * One page of the user's notifications, read or not, newest first.
	 * @throws IllegalArgumentException (as the error of the {@code Flux}) when the page's
	 * {@code before} is not an id this store could have given
	 */
	Flux<Notification> list(String userId, NotificationPage page);

	/** Marks the notifications {@code ids} of the user as read. */
	Mono<ReadMark> markRead(String userId, Collection<String> ids);

	/** Marks every notification of the user as read. */
	Mono<ReadMark> markAllRead(String userId);

}
