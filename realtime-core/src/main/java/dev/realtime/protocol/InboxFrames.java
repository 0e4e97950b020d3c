package dev.realtime.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.realtime.Connection;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.inbox.Notification;
import dev.realtime.inbox.NotificationInbox;
import dev.realtime.inbox.NotificationPage;
import dev.realtime.inbox.ReadMark;
import dev.realtime.security.UserRoomAuthorizer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The frames of a user's notifications inbox, for the connection's own user:
 * <ul>
 * <li>{@code notifications.list}: the unread ones ({@code "unread":true}), or a page of all,
 * newest first ({@code "before"}: the last id of the previous page, {@code "limit"}: 1 to
 * {@value NotificationPage#MAX_SIZE}, {@value #DEFAULT_LIMIT} unless given); the reply carries
 * {@code notifications} and the {@code unread} count.</li>
 * <li>{@code notifications.read}: marks {@code "ids"} (1 to {@value #MAX_IDS} of them) or
 * everything ({@code "all":true}) as read; the reply carries the {@code ids} it marked and the
 * {@code unread} count, and every device of the user is told.</li>
 * </ul>
 * An anonymous connection has no inbox: {@code forbidden}.
 */
final class InboxFrames {

	/** Type of the frame listing notifications. */
	static final String LIST = "notifications.list";

	/** Type of the frame marking notifications as read. */
	static final String READ = "notifications.read";

	/** Ids one {@code notifications.read} frame may carry. */
	static final int MAX_IDS = 100;

	/** Notifications in a page when the frame asks for no limit. */
	static final int DEFAULT_LIMIT = 20;

	private final NotificationInbox inbox;

	private final DefaultRealtimeHub hub;

	private final ProtocolCodec codec;

	InboxFrames(NotificationInbox inbox, DefaultRealtimeHub hub, ProtocolCodec codec) {
		this.inbox = inbox;
		this.hub = hub;
		this.codec = codec;
	}

	Mono<Void> handle(Connection client, String type, JsonNode frame, @Nullable JsonNode ref) {
		String user = client.userId();
		if (user == null) {
			throw new ProtocolException(ErrorCode.FORBIDDEN, "an anonymous connection has no notifications inbox");
		}
		return LIST.equals(type) ? list(client, user, frame, ref) : read(client, user, frame, ref);
	}

	private Mono<Void> list(Connection client, String user, JsonNode frame, @Nullable JsonNode ref) {
		boolean unread = flag(frame, "unread");
		NotificationPage page = unread ? null : new NotificationPage(before(frame), limit(frame));
		// Once the personal room is live here, whatever is stored after the answer's reading
		// reaches the client live: it misses nothing in between.
		return this.hub.live(UserRoomAuthorizer.userRoom(user))
			.then(((page != null) ? this.inbox.list(user, page) : this.inbox.unread(user)).collectList())
			.onErrorMap(IllegalArgumentException.class,
					(ex) -> new ProtocolException(ErrorCode.BAD_REQUEST, ex.getMessage()))
			.flatMap((notifications) -> (page == null) ? Mono.just(answer(notifications, notifications.size()))
					: this.inbox.unreadCount(user).map((count) -> answer(notifications, count)))
			.doOnNext((result) -> client.sendText(this.codec.reply(ref, result)))
			.then();
	}

	private Mono<Void> read(Connection client, String user, JsonNode frame, @Nullable JsonNode ref) {
		Mono<ReadMark> mark = flag(frame, "all") ? this.inbox.markAllRead(user) : this.inbox.markRead(user, ids(frame));
		return mark.doOnNext((marked) -> {
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("ids", marked.ids());
			result.put("unread", marked.unread());
			client.sendText(this.codec.reply(ref, result));
		}).then();
	}

	private static Map<String, Object> answer(List<Notification> notifications, long unread) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("notifications", notifications);
		result.put("unread", unread);
		return result;
	}

	private static boolean flag(JsonNode frame, String field) {
		JsonNode value = frame.get(field);
		if (value != null && !value.isBoolean()) {
			throw new ProtocolException(ErrorCode.BAD_REQUEST, "field '" + field + "' must be a boolean");
		}
		return value != null && value.asBoolean();
	}

	private static @Nullable String before(JsonNode frame) {
		JsonNode before = frame.get("before");
		if (before == null || before.isNull()) {
			return null;
		}
		if (!before.isString()) {
			throw new ProtocolException(ErrorCode.BAD_REQUEST, "field 'before' must be a notification id");
		}
		return before.asString();
	}

	private static int limit(JsonNode frame) {
		JsonNode limit = frame.get("limit");
		if (limit == null) {
			return DEFAULT_LIMIT;
		}
		if (!limit.isIntegralNumber() || !limit.canConvertToInt() || limit.asInt() < 1
				|| limit.asInt() > NotificationPage.MAX_SIZE) {
			throw new ProtocolException(ErrorCode.BAD_REQUEST,
					"field 'limit' must be a number from 1 to " + NotificationPage.MAX_SIZE);
		}
		return limit.asInt();
	}

	private static List<String> ids(JsonNode frame) {
		JsonNode ids = frame.get("ids");
		if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > MAX_IDS) {
			throw new ProtocolException(ErrorCode.BAD_REQUEST,
					"field 'ids' must list 1 to " + MAX_IDS + " notification ids, or 'all' be true");
		}
		List<String> result = new ArrayList<>(ids.size());
		for (JsonNode id : ids) {
			if (!id.isString()) {
				throw new ProtocolException(ErrorCode.BAD_REQUEST, "field 'ids' must list strings");
			}
			result.add(id.asString());
		}
		return result;
	}

}
