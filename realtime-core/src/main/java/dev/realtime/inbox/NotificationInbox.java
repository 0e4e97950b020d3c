package dev.realtime.inbox;

import java.util.Collection;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Each user's notifications, kept until they are evicted by count or age, with a read state that
 * all the user's devices share. Unlike {@code RealtimeHub.sendToUser}, whose messages live only
 * as long as the personal room's history window, a notification waits in the inbox for the user
 * to come back.
 * <p>
 * Live, every device of the user, on every node, hears of changes in its personal room
 * {@code user:{id}}:
 * <ul>
 * <li>{@value #NEW} with the {@link Notification} as its data, once it is stored;</li>
 * <li>{@value #READ} with the {@link ReadMark} as its data, when any device marked some as read
 * (not when a mark changed nothing).</li>
 * </ul>
 * A client that connects asks for its unread notifications (the {@code notifications.list}
 * frame); what it is told live and what it is answered may overlap, and it merges them by id.
 */
public interface NotificationInbox {

	/** Event name, in the personal room, of a notification just stored. */
	String NEW = "notifications.new";

	/** Event name, in the personal room, of notifications just marked as read. */
	String READ = "notifications.read";

	/**
	 * Stores {@code notification} in the inbox of {@code userId} and tells every device of the
	 * user. Completes with the stored notification once it is stored, also when telling the
	 * devices failed: they find it in the inbox when they next connect.
	 * @throws IllegalArgumentException (as the error of the {@code Mono}) when {@code userId}
	 * makes no valid personal room name
	 */
	Mono<Notification> send(String userId, NewNotification notification);

	/** The user's unread notifications, newest first. */
	Flux<Notification> unread(String userId);

	/** How many of the user's notifications are unread. */
	Mono<Long> unreadCount(String userId);

	/** One page of the user's notifications, read or not, newest first. */
	Flux<Notification> list(String userId, NotificationPage page);

	/**
	 * Marks the notifications {@code ids} of the user as read and tells every device of the user
	 * which ones it marked. Ids the inbox does not hold are ignored.
	 */
	Mono<ReadMark> markRead(String userId, Collection<String> ids);

	/** Marks every notification of the user as read and tells every device of the user. */
	Mono<ReadMark> markAllRead(String userId);

}
