package dev.realtime.autoconfigure.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.realtime.inbox.NewNotification;
import dev.realtime.inbox.NotificationInbox;
import dev.realtime.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one Redis keep one inbox per user: what was sent through one node while the user
 * was away reaches their devices on both, and a read on one node is told to the device on the
 * other.
 */
class RealtimeRedisInboxIntegrationTests {

	private static RedisServer redis;

	private static RedisNodes nodes;

	@BeforeAll
	static void start() {
		redis = RedisServer.start();
		nodes = RedisNodes.start(2, redis, "realtime.history.size=2");
	}

	@AfterAll
	static void stop() {
		nodes.close();
		redis.close();
	}

	@Test
	void twoNodesSeeOneInbox() {
		NotificationInbox first = nodes.bean(0, NotificationInbox.class);
		List<String> ids = new ArrayList<>();
		for (int i = 1; i <= 4; i++) {
			ids.add(first.send("nina", NewNotification.of("n" + i, null)).block().id());
		}
		try (TestClient onFirst = TestClient.connect(nodes.ws(0, "nina"));
				TestClient onSecond = TestClient.connect(nodes.ws(1, "nina"))) {
			for (TestClient device : List.of(onFirst, onSecond)) {
				JsonNode unread = device.request("{\"type\":\"notifications.list\",\"unread\":true}").path("result");
				assertThat(unread.path("notifications")).extracting((n) -> n.path("id").asString())
					.isEqualTo(newestFirst(ids));
			}
			JsonNode marked = onFirst.request("{\"type\":\"notifications.read\",\"ids\":[\"" + ids.get(3) + "\"]}");
			assertThat(marked.path("result").path("unread").asLong()).isEqualTo(3);
			JsonNode told = onSecond.nextMessage();
			assertThat(told.path("event").asString()).isEqualTo(NotificationInbox.READ);
			assertThat(told.path("data").path("ids").get(0).asString()).isEqualTo(ids.get(3));
			assertThat(nodes.bean(1, NotificationInbox.class).unreadCount("nina").block()).isEqualTo(3);

			nodes.bean(1, NotificationInbox.class).send("nina", NewNotification.of("from the second node", null)).block();
			for (TestClient device : List.of(onFirst, onSecond)) {
				List<JsonNode> received = device.messages(device == onFirst ? 2 : 1);
				JsonNode live = received.get(received.size() - 1);
				assertThat(live.path("event").asString()).isEqualTo(NotificationInbox.NEW);
				assertThat(live.path("data").path("title").asString()).isEqualTo("from the second node");
			}
			assertThat(first.unreadCount("nina").block()).isEqualTo(4);
		}
	}

	private static List<String> newestFirst(List<String> ids) {
		List<String> reversed = new ArrayList<>(ids);
		Collections.reverse(reversed);
		return reversed;
	}

}
