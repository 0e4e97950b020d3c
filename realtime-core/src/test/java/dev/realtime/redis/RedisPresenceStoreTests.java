package dev.realtime.redis;

import java.time.Duration;
import java.util.Map;

import dev.realtime.ClientInfo;
import dev.realtime.presence.PresenceStore;
import dev.realtime.presence.PresenceStoreContractTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The presence contract against a real Redis, and what only a shared store has to do: forget the
 * entries of a node that stopped refreshing them.
 */
class RedisPresenceStoreTests extends PresenceStoreContractTests {

	@RegisterExtension
	static final RedisExtension redis = new RedisExtension();

	private final String prefix = RedisExtension.prefix();

	private final RedisPresenceStore store = new RedisPresenceStore(redis.connections(), this.prefix, Duration.ofSeconds(30),
			Duration.ofSeconds(10), Duration.ofSeconds(5));

	@AfterEach
	void stopRefreshing() {
		this.store.close();
	}

	@Override
	protected PresenceStore store() {
		return this.store;
	}

	@Test
	void aNodeThatStopsRefreshingLosesItsEntriesWithinTheTtlWhileALiveNodeKeepsItsOwn() {
		String room = room("nodes");
		try (RedisPresenceStore dying = new RedisPresenceStore(redis.connections(), this.prefix, Duration.ofMillis(800),
				Duration.ofMillis(200), Duration.ofSeconds(5));
				RedisPresenceStore living = new RedisPresenceStore(redis.connections(), this.prefix, Duration.ofMillis(800),
						Duration.ofMillis(200), Duration.ofSeconds(5))) {
			dying.add(room, new ClientInfo("d1", "dora", Map.of())).block();
			living.add(room, new ClientInfo("l1", "lena", Map.of())).block();
			assertThat(living.presence(room).block()).containsOnlyKeys("d1", "l1");
			dying.close();
			await().atMost(Duration.ofSeconds(5)).until(() -> living.presence(room).block().keySet().equals(
					java.util.Set.of("l1")));
			// The living node's entry outlived several ttls: it is refreshed.
			await().pollDelay(Duration.ofMillis(1500)).until(() -> true);
			assertThat(living.presence(room).block()).containsOnlyKeys("l1");
		}
	}

}
