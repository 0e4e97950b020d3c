package dev.realtime.inbox;

import java.util.Collection;

import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import dev.realtime.security.RoomNamePolicy;
import dev.realtime.security.UserRoomAuthorizer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link NotificationInbox} of a {@link NotificationStore}, telling the user's devices
 * through the hub's personal rooms, which reach them on every node.
 */
public final class DefaultNotificationInbox implements NotificationInbox {

	private static final Logger logger = LoggerFactory.getLogger(DefaultNotificationInbox.class);

	private final NotificationStore store;

	private final RealtimeHub hub;

	private final JsonMapper mapper;

	private final RoomNamePolicy roomNames;

	/**
	 * @param store where the notifications and their read state are kept
	 * @param hub what tells the user's devices
	 * @param mapper the application's mapper, which writes each notification's data
	 * @param roomNames which personal room names, and so which user ids, are valid
	 */
	public DefaultNotificationInbox(NotificationStore store, RealtimeHub hub, JsonMapper mapper,
			RoomNamePolicy roomNames) {
		this.store = store;
		this.hub = hub;
		this.mapper = mapper;
		this.roomNames = roomNames;
	}

	@Override
	public Mono<Notification> send(String userId, NewNotification notification) {
		return Mono.defer(() -> {
			this.roomNames.check(UserRoomAuthorizer.userRoom(userId));
			@Nullable JsonNode data = (notification.data() != null) ? this.mapper.valueToTree(notification.data())
					: null;
			return this.store.add(userId, notification, data);
		}).flatMap((stored) -> tell(userId, NEW, stored).thenReturn(stored));
	}

	@Override
	public Flux<Notification> unread(String userId) {
		return this.store.unread(userId);
	}

	@Override
	public Mono<Long> unreadCount(String userId) {
		return this.store.unreadCount(userId);
	}

	@Override
	public Flux<Notification> list(String userId, NotificationPage page) {
		return this.store.list(userId, page);
	}

	@Override
	public Mono<ReadMark> markRead(String userId, Collection<String> ids) {
		return this.store.markRead(userId, ids).flatMap((mark) -> told(userId, mark));
	}

	@Override
	public Mono<ReadMark> markAllRead(String userId) {
		return this.store.markAllRead(userId).flatMap((mark) -> told(userId, mark));
	}

	/** {@code mark}, once the user's devices were told of it; a mark that changed nothing is news to none. */
	private Mono<ReadMark> told(String userId, ReadMark mark) {
		return mark.ids().isEmpty() ? Mono.just(mark) : tell(userId, READ, mark).thenReturn(mark);
	}

	/**
	 * Tells every device of the user. A failure is logged, not passed on: what it was about is
	 * stored, and devices read it from the inbox when they next connect.
	 */
	private Mono<Void> tell(String userId, String event, Object data) {
		return this.hub.sendToUser(userId, Event.of(event, data)).then().onErrorResume((ex) -> {
			logger.warn("Telling the devices of user '{}' of {} failed; they see it when they next connect", userId,
					event, ex);
			return Mono.empty();
		});
	}

}
