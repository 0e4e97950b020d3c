package dev.realtime.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * A {@link NotificationStore} in this node's memory, for a single node. Ids are numbers from one
 * sequence of the store's, never reused. Expired notifications are dropped whenever their user's
 * inbox is used, and swept from every inbox periodically, so that users who never come back
 * take no memory after {@code maxAge}.
 */
public final class InMemoryNotificationStore implements NotificationStore, AutoCloseable {

	/** Longest time between two sweeps, however long notifications live. */
	private static final Duration MAX_SWEEP_PERIOD = Duration.ofMinutes(10);

	private final ConcurrentMap<String, UserInbox> inboxes = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final int maxPerUser;

	private final long maxAgeMillis;

	private final Disposable sweeper;

	/**
	 * @param maxPerUser how many notifications a user keeps at most
	 * @param maxAge how long a notification is kept, read or not
	 */
	public InMemoryNotificationStore(int maxPerUser, Duration maxAge) {
		if (maxPerUser < 1 || maxAge.isNegative() || maxAge.isZero()) {
			throw new IllegalArgumentException("Keep at least one notification, for some time");
		}
		this.maxPerUser = maxPerUser;
		this.maxAgeMillis = maxAge.toMillis();
		long period = Math.max(Math.min(this.maxAgeMillis / 2, MAX_SWEEP_PERIOD.toMillis()), 1);
		this.sweeper = Schedulers.parallel().schedulePeriodically(this::sweep, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public Mono<Notification> add(String userId, NewNotification notification, @Nullable JsonNode data) {
		return Mono.fromSupplier(() -> {
			Notification stored = new Notification(Long.toString(this.ids.incrementAndGet()), notification.title(),
					notification.body(), notification.category(), data, System.currentTimeMillis(), false);
			this.inboxes.compute(userId, (user, inbox) -> {
				UserInbox kept = (inbox != null) ? inbox : new UserInbox();
				kept.add(stored, this.maxPerUser, expiry());
				return kept;
			});
			return stored;
		});
	}

	@Override
	public Flux<Notification> unread(String userId) {
		return read(userId, (inbox) -> inbox.newestFirst().stream().filter((n) -> !n.read()).toList())
			.flatMapIterable(Function.identity());
	}

	@Override
	public Mono<Long> unreadCount(String userId) {
		return read(userId, UserInbox::unread);
	}

	@Override
	public Flux<Notification> list(String userId, NotificationPage page) {
		return Mono.fromSupplier(() -> (page.before() != null) ? id(page.before()) : Long.MAX_VALUE)
			.flatMap((before) -> read(userId, (inbox) -> inbox.newestFirst()
				.stream()
				.filter((n) -> Long.parseLong(n.id()) < before)
				.limit(page.size())
				.toList()))
			.flatMapIterable(Function.identity());
	}

	@Override
	public Mono<ReadMark> markRead(String userId, Collection<String> ids) {
		return read(userId, (inbox) -> inbox.markRead(ids));
	}

	@Override
	public Mono<ReadMark> markAllRead(String userId) {
		return read(userId, (inbox) -> inbox.markRead(null));
	}

	/** {@code action} on the user's inbox, rid of what expired, or on an empty one. */
	private <T> Mono<T> read(String userId, Function<UserInbox, T> action) {
		return Mono.fromSupplier(() -> {
			AtomicReference<T> result = new AtomicReference<>();
			this.inboxes.compute(userId, (user, inbox) -> {
				UserInbox current = (inbox != null) ? inbox : new UserInbox();
				current.expire(expiry());
				result.set(action.apply(current));
				return current.isEmpty() ? null : current;
			});
			return result.get();
		});
	}

	private long expiry() {
		return System.currentTimeMillis() - this.maxAgeMillis;
	}

	private static long id(String id) {
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + id + "' is not a notification id of this inbox");
		}
	}

	/** Drops expired notifications from every inbox, and inboxes left empty. */
	void sweep() {
		long expiry = expiry();
		this.inboxes.forEach((user, inbox) -> this.inboxes.computeIfPresent(user, (name, current) -> {
			current.expire(expiry);
			return current.isEmpty() ? null : current;
		}));
	}

	/** Number of users with notifications kept. */
	int users() {
		return this.inboxes.size();
	}

	@Override
	public void close() {
		this.sweeper.dispose();
	}

	/** One user's notifications, oldest first; only used within the map's compute, one at a time. */
	private static final class UserInbox {

		private final LinkedHashMap<String, Notification> notifications = new LinkedHashMap<>();

		void add(Notification notification, int max, long expiry) {
			expire(expiry);
			this.notifications.put(notification.id(), notification);
			while (this.notifications.size() > max) {
				evictOldest();
			}
		}

		void expire(long expiry) {
			while (!this.notifications.isEmpty()
					&& this.notifications.values().iterator().next().timestamp() < expiry) {
				evictOldest();
			}
		}

		private void evictOldest() {
			Iterator<?> oldest = this.notifications.values().iterator();
			oldest.next();
			oldest.remove();
		}

		/** Marks {@code ids} read, or every notification when {@code null}. */
		ReadMark markRead(@Nullable Collection<String> ids) {
			List<String> marked = new ArrayList<>();
			Collection<String> which = (ids != null) ? ids : List.copyOf(this.notifications.keySet());
			for (String id : which) {
				Notification notification = this.notifications.get(id);
				if (notification != null && !notification.read()) {
					this.notifications.put(id, notification.asRead());
					marked.add(id);
				}
			}
			return new ReadMark(marked, unread());
		}

		long unread() {
			return this.notifications.values().stream().filter((n) -> !n.read()).count();
		}

		List<Notification> newestFirst() {
			List<Notification> all = new ArrayList<>(this.notifications.values());
			Collections.reverse(all);
			return all;
		}

		boolean isEmpty() {
			return this.notifications.isEmpty();
		}

	}

}
