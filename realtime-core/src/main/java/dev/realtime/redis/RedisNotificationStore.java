package dev.realtime.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.realtime.broker.BrokerUnavailableException;
import dev.realtime.inbox.NewNotification;
import dev.realtime.inbox.Notification;
import dev.realtime.inbox.NotificationPage;
import dev.realtime.inbox.NotificationStore;
import dev.realtime.inbox.ReadMark;
import dev.realtime.security.UserRoomAuthorizer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link NotificationStore} in Redis, shared by every node: per user, a stream of their
 * notifications, whose entry ids (the time Redis stored each, and a sequence) are the
 * notifications' ids, and a set of the ids they read, both beside their personal room's keys.
 * Every operation is one call of one Lua script, which first drops what is older than the max
 * age; the stream's {@code MAXLEN} keeps the max count, and both keys expire with the newest
 * notification.
 */
public final class RedisNotificationStore implements NotificationStore {

	private static final RedisScript INBOX = RedisScript.load("inbox");

	/** What a stream entry id looks like; anything else cannot be an id of this store. */
	private static final Pattern ID = Pattern.compile("\\d{1,20}-\\d{1,20}");

	private static final JsonMapper JSON = JsonMapper.shared();

	private final RedisConnections connections;

	private final RedisKeys keys;

	private final int maxPerUser;

	private final Duration maxAge;

	private final Duration timeout;

	/**
	 * @param connections the connections to Redis
	 * @param keyPrefix what every key of the engine starts with
	 * @param maxPerUser how many notifications a user keeps at most
	 * @param maxAge how long a notification is kept, read or not
	 * @param timeout how long a call to Redis may take
	 */
	public RedisNotificationStore(RedisConnections connections, String keyPrefix, int maxPerUser, Duration maxAge,
			Duration timeout) {
		if (maxPerUser < 1 || maxAge.toMillis() < 1) {
			throw new IllegalArgumentException("Keep at least one notification, for some time");
		}
		this.connections = connections;
		this.keys = new RedisKeys(keyPrefix);
		this.maxPerUser = maxPerUser;
		this.maxAge = maxAge;
		this.timeout = timeout;
	}

	@Override
	public Mono<Notification> add(String userId, NewNotification notification, @Nullable JsonNode data) {
		return Mono.defer(() -> {
			Entry entry = new Entry(notification.title(), notification.body(), notification.category(), data);
			return run(userId, "add", JSON.writeValueAsBytes(entry), RedisScript.arg(this.maxPerUser))
				.map((reply) -> entry.stored(text(reply.get(0)), false));
		});
	}

	@Override
	public Flux<Notification> unread(String userId) {
		return run(userId, "unread").flatMapIterable((reply) -> {
			List<Notification> unread = new ArrayList<>(reply.size() / 2);
			for (int i = 0; i + 1 < reply.size(); i += 2) {
				unread.add(notification(reply.get(i), reply.get(i + 1), false));
			}
			return unread;
		});
	}

	@Override
	public Mono<Long> unreadCount(String userId) {
		return run(userId, "count").map((reply) -> (Long) reply.get(0));
	}

	@Override
	public Flux<Notification> list(String userId, NotificationPage page) {
		String before = page.before();
		if (before != null && !ID.matcher(before).matches()) {
			return Flux.error(new IllegalArgumentException("'" + before + "' is not a notification id of this inbox"));
		}
		return run(userId, "list", RedisScript.arg((before != null) ? before : ""), RedisScript.arg(page.size()))
			.flatMapIterable((reply) -> {
				List<Notification> notifications = new ArrayList<>(reply.size() / 3);
				for (int i = 0; i + 2 < reply.size(); i += 3) {
					notifications.add(notification(reply.get(i), reply.get(i + 1), ((Long) reply.get(i + 2)) == 1));
				}
				return notifications;
			});
	}

	@Override
	public Mono<ReadMark> markRead(String userId, Collection<String> ids) {
		// Malformed ids would fail the script: they cannot be in the inbox anyway.
		byte[][] valid = ids.stream()
			.filter((id) -> ID.matcher(id).matches())
			.distinct()
			.map(RedisScript::arg)
			.toArray(byte[][]::new);
		return run(userId, "read", valid).map(RedisNotificationStore::mark);
	}

	@Override
	public Mono<ReadMark> markAllRead(String userId) {
		return run(userId, "readall").map(RedisNotificationStore::mark);
	}

	private Mono<List<Object>> run(String userId, String operation, byte[]... arguments) {
		String room = UserRoomAuthorizer.userRoom(userId);
		byte[][] args = new byte[2 + arguments.length][];
		args[0] = RedisScript.arg(operation);
		args[1] = RedisScript.arg(this.maxAge.toMillis());
		System.arraycopy(arguments, 0, args, 2, arguments.length);
		return INBOX.run(this.connections.commands(), new byte[][] { this.keys.inbox(room), this.keys.inboxRead(room) },
				args)
			.timeout(this.timeout)
			.onErrorMap((ex) -> new BrokerUnavailableException("Redis inbox failed: " + ex.getMessage(), ex));
	}

	private static ReadMark mark(List<Object> reply) {
		List<String> marked = new ArrayList<>(reply.size() - 1);
		for (int i = 1; i < reply.size(); i++) {
			marked.add(text(reply.get(i)));
		}
		return new ReadMark(marked, (Long) reply.get(0));
	}

	private static Notification notification(Object id, Object json, boolean read) {
		return JSON.readValue((byte[]) json, Entry.class).stored(text(id), read);
	}

	private static String text(Object bytes) {
		return new String((byte[]) bytes, StandardCharsets.UTF_8);
	}

	/** A notification as its stream entry holds it: its id and time are the entry's id. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Entry(String title, @Nullable String body, String category, @Nullable JsonNode data) {

		Notification stored(String id, boolean read) {
			long timestamp = Long.parseLong(id.substring(0, id.indexOf('-')));
			return new Notification(id, this.title, this.body, this.category, this.data, timestamp, read);
		}

	}

}
