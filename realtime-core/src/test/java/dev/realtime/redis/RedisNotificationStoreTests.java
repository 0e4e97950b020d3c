package dev.realtime.redis;

import java.time.Duration;

import dev.realtime.inbox.NewNotification;
import dev.realtime.inbox.NotificationStore;
import dev.realtime.inbox.NotificationStoreContractTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification store contract against a real Redis, and what only a shared store has to do:
 * answer every node alike, and leave nothing behind once the notifications expired.
 */
class RedisNotificationStoreTests extends NotificationStoreContractTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@RegisterExtension
	static final RedisExtension redis = new RedisExtension();

	private final String prefix = RedisExtension.prefix();

	@Override
	protected NotificationStore createStore(int maxPerUser, Duration maxAge) {
		return new RedisNotificationStore(redis.connections(), this.prefix, maxPerUser, maxAge, TIMEOUT);
	}

	@Test
	void twoNodesShareOneInbox() {
		NotificationStore one = createStore(10, Duration.ofHours(1));
		try (RedisConnections otherConnections = RedisConnections.create(redis.server().uri())) {
			NotificationStore other = new RedisNotificationStore(otherConnections, this.prefix, 10, Duration.ofHours(1),
					TIMEOUT);
			String id = one.add(user("ann"), NewNotification.of("hi", null), null).block(TIMEOUT).id();
			assertThat(other.unread(user("ann")).collectList().block(TIMEOUT)).extracting("id").containsExactly(id);
			other.markAllRead(user("ann")).block(TIMEOUT);
			assertThat(one.unreadCount(user("ann")).block(TIMEOUT)).isZero();
		}
	}

	@Test
	void theKeysOfAnInboxLiveNoLongerThanItsNewestNotification() {
		NotificationStore store = createStore(10, Duration.ofSeconds(30));
		String id = store.add(user("ann"), NewNotification.of("hi", null), null).block(TIMEOUT).id();
		store.markRead(user("ann"), java.util.List.of(id)).block(TIMEOUT);
		RedisKeys keys = new RedisKeys(this.prefix);
		String room = "user:" + user("ann");
		for (byte[] key : new byte[][] { keys.inbox(room), keys.inboxRead(room) }) {
			assertThat(redis.connections().commands().pttl(key).block(TIMEOUT)).isBetween(1L, 30_000L);
		}
	}

}
