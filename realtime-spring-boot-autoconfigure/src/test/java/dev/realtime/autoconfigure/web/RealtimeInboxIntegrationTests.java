package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import dev.realtime.inbox.NewNotification;
import dev.realtime.inbox.NotificationInbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notifications inbox through real WebSocket clients: what was sent while a user was away,
 * longer than their personal room's history window holds, reaches every device they connect, and
 * what one device reads, the others are told of at once.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "realtime.history.size=2", "realtime.notifications.max-per-user=6" })
class RealtimeInboxIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	NotificationInbox inbox;

	private final String user = "u" + UUID.randomUUID().toString().substring(0, 8);

	@Test
	void whatWasSentWhileAwayReachesEveryDeviceAndAReadOnOneIsToldToTheOther() {
		List<String> ids = send(this.user, 5);
		try (TestClient phone = connect(this.user); TestClient laptop = connect(this.user)) {
			for (TestClient device : List.of(phone, laptop)) {
				JsonNode unread = result(device.request("{\"type\":\"notifications.list\",\"unread\":true}"));
				assertThat(ids(unread.path("notifications"))).isEqualTo(newestFirst(ids));
				assertThat(unread.path("notifications").get(0).path("title").asString()).isEqualTo("n5");
				assertThat(unread.path("notifications").get(0).path("read").asBoolean()).isFalse();
				assertThat(unread.path("unread").asLong()).isEqualTo(5);
			}
			JsonNode marked = result(phone.request("{\"type\":\"notifications.read\",\"ids\":[\"" + ids.get(0) + "\",\""
					+ ids.get(1) + "\",\"not-an-id\"]}"));
			assertThat(ids(marked.path("ids"))).containsExactly(ids.get(0), ids.get(1));
			assertThat(marked.path("unread").asLong()).isEqualTo(3);
			for (TestClient device : List.of(laptop, phone)) {
				JsonNode told = device.nextMessage();
				assertThat(told.path("room").asString()).isEqualTo("user:" + this.user);
				assertThat(told.path("event").asString()).isEqualTo(NotificationInbox.READ);
				assertThat(ids(told.path("data").path("ids"))).containsExactly(ids.get(0), ids.get(1));
				assertThat(told.path("data").path("unread").asLong()).isEqualTo(3);
			}
			JsonNode unread = result(laptop.request("{\"type\":\"notifications.list\",\"unread\":true}"));
			assertThat(ids(unread.path("notifications"))).containsExactly(ids.get(4), ids.get(3), ids.get(2));
			assertThat(this.inbox.unreadCount(this.user).block()).isEqualTo(3);
		}
	}

	@Test
	void aNewNotificationReachesEveryConnectedDeviceLiveAndMarkingAllReadClearsTheCountEverywhere() {
		try (TestClient phone = connect(this.user); TestClient laptop = connect(this.user);
				TestClient someoneElse = connect(this.user + "x")) {
			this.inbox.send(this.user, NewNotification.of("Shipped", "ETA Monday").withCategory("orders")).block();
			for (TestClient device : List.of(phone, laptop)) {
				JsonNode live = device.nextMessage();
				assertThat(live.path("event").asString()).isEqualTo(NotificationInbox.NEW);
				assertThat(live.path("data").path("title").asString()).isEqualTo("Shipped");
				assertThat(live.path("data").path("body").asString()).isEqualTo("ETA Monday");
				assertThat(live.path("data").path("category").asString()).isEqualTo("orders");
				assertThat(live.path("data").path("read").asBoolean()).isFalse();
			}
			JsonNode all = result(laptop.request("{\"type\":\"notifications.read\",\"all\":true}"));
			assertThat(all.path("ids")).hasSize(1);
			assertThat(all.path("unread").asLong()).isZero();
			assertThat(phone.nextMessage().path("data").path("unread").asLong()).isZero();
			assertThat(result(phone.request("{\"type\":\"notifications.list\",\"unread\":true}")).path("unread").asLong())
				.isZero();
			assertThat(someoneElse.pollMessage(Duration.ofMillis(300).toNanos())).isNull();
		}
	}

	@Test
	void pagesListReadAndUnreadNotificationsNewestFirstWithinTheMaxCount() {
		List<String> ids = send(this.user, 8);
		try (TestClient device = connect(this.user)) {
			device.request("{\"type\":\"notifications.read\",\"ids\":[\"" + ids.get(7) + "\"]}");
			JsonNode first = result(device.request("{\"type\":\"notifications.list\",\"limit\":4}"));
			assertThat(ids(first.path("notifications"))).isEqualTo(newestFirst(ids.subList(4, 8)));
			assertThat(first.path("notifications").get(0).path("read").asBoolean()).isTrue();
			assertThat(first.path("unread").asLong()).isEqualTo(5);
			JsonNode second = result(device.request("{\"type\":\"notifications.list\",\"limit\":4,\"before\":\""
					+ ids.get(4) + "\"}"));
			// Six kept at most: the two oldest were evicted.
			assertThat(ids(second.path("notifications"))).isEqualTo(newestFirst(ids.subList(2, 4)));
		}
	}

	@Test
	void badInboxFramesGetADefinedErrorAndTheConnectionStaysOpen() {
		try (TestClient device = connect(this.user); TestClient anonymous = TestClient.connect(uri(null))) {
			assertThat(anonymous.request("{\"type\":\"notifications.list\",\"unread\":true}").path("code").asString())
				.isEqualTo("forbidden");
			for (String frame : List.of("{\"type\":\"notifications.read\"}", "{\"type\":\"notifications.read\",\"ids\":[]}",
					"{\"type\":\"notifications.read\",\"ids\":\"1\"}", "{\"type\":\"notifications.read\",\"ids\":[1]}",
					"{\"type\":\"notifications.read\",\"all\":\"yes\"}", "{\"type\":\"notifications.list\",\"limit\":0}",
					"{\"type\":\"notifications.list\",\"limit\":101}", "{\"type\":\"notifications.list\",\"before\":7}",
					"{\"type\":\"notifications.list\",\"before\":\"nonsense\"}",
					"{\"type\":\"notifications.read\",\"ids\":[" + "\"1\",".repeat(100) + "\"1\"]}")) {
				JsonNode error = device.request(frame);
				assertThat(error.path("type").asString()).as(frame).isEqualTo("error");
				assertThat(error.path("code").asString()).as(frame).isEqualTo("bad_request");
			}
			assertThat(device.request("{\"type\":\"ping\"}").path("type").asString()).isEqualTo("pong");
		}
	}

	private List<String> send(String user, int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			ids.add(this.inbox.send(user, NewNotification.of("n" + i, "body " + i)).block().id());
		}
		return ids;
	}

	private TestClient connect(String user) {
		return TestClient.connect(uri(user));
	}

	private URI uri(String user) {
		return URI.create("ws://localhost:" + this.port + "/realtime/ws" + ((user != null) ? "?user=" + user : ""));
	}

	private static JsonNode result(JsonNode reply) {
		assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
		return reply.path("result");
	}

	private static List<String> ids(JsonNode array) {
		List<String> ids = new ArrayList<>();
		array.forEach((node) -> ids.add(node.isString() ? node.asString() : node.path("id").asString()));
		return ids;
	}

	private static List<String> newestFirst(List<String> ids) {
		List<String> reversed = new ArrayList<>(ids);
		Collections.reverse(reversed);
		return reversed;
	}

}
