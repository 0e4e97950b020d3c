package dev.realtime.autoconfigure.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.realtime.ClientInfo;
import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.redis.RedisConnections;
import dev.realtime.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes on one Redis behave as one server: delivery, per-user delivery, presence, join and
 * leave, ordering under publishers on every node, and resume on another node.
 */
class RealtimeRedisNodesIntegrationTests {

	private static RedisServer redis;

	private static RedisNodes nodes;

	@BeforeAll
	static void start() {
		redis = RedisServer.start();
		nodes = RedisNodes.start(3, redis, "realtime.presence.ttl=2s", "realtime.presence.refresh-interval=300ms");
	}

	@AfterAll
	static void stop() {
		nodes.close();
		redis.close();
	}

	@Test
	void whatIsPublishedOnAnyNodeReachesClientsOfEveryNode() {
		try (TestClient a = TestClient.connect(nodes.ws(0, "a1")); TestClient b = TestClient.connect(nodes.ws(1, "b1"));
				TestClient c = TestClient.connect(nodes.ws(2, "c1"))) {
			for (TestClient client : List.of(a, b, c)) {
				client.subscribe("everywhere");
			}
			nodes.hub(1).publish("everywhere", Event.message("from b")).block();
			nodes.hub(2).publish("everywhere", Event.message("from c")).block();
			for (TestClient client : List.of(a, b, c)) {
				assertThat(client.messages(2)).extracting((m) -> m.path("data").asString())
					.containsExactly("from b", "from c");
			}
		}
	}

	@Test
	void sendToUserReachesTheUsersConnectionsOnEveryNode() {
		try (TestClient onA = TestClient.connect(nodes.ws(0, "ann")); TestClient onC = TestClient.connect(nodes.ws(2, "ann"));
				TestClient other = TestClient.connect(nodes.ws(1, "bob"))) {
			await().until(() -> nodes.hub(0).hasMembers("user:ann") && nodes.hub(2).hasMembers("user:ann"));
			nodes.hub(1).sendToUser("ann", Event.notification("for ann")).block();
			assertThat(onA.nextMessage().path("data").asString()).isEqualTo("for ann");
			assertThat(onC.nextMessage().path("data").asString()).isEqualTo("for ann");
			assertThat(other.pollMessage(Duration.ofMillis(300).toNanos())).isNull();
		}
	}

	@Test
	void disconnectUserClosesTheUsersConnectionsOnEveryNode() {
		try (TestClient onA = TestClient.connect(nodes.ws(0, "dan")); TestClient onC = TestClient.connect(nodes.ws(2, "dan"));
				TestClient other = TestClient.connect(nodes.ws(0, "eli"))) {
			nodes.hub(1).disconnectUser("dan", dev.realtime.CloseCodes.DISCONNECTED, "banned").block();
			assertThat(onA.closeStatus().code()).isEqualTo(dev.realtime.CloseCodes.DISCONNECTED);
			assertThat(onC.closeStatus().reasonText()).isEqualTo("banned");
			assertThat(other.request("{\"type\":\"ping\"}").path("type").asString()).isEqualTo("pong");
		}
	}

	@Test
	void connectionsUsersAndNodesAreReachedAndKnownFromEveryNode() {
		try (TestClient onC = TestClient.connect(nodes.ws(2, "carl")); TestClient onB = TestClient.connect(nodes.ws(1, "bea"))) {
			await().until(() -> nodes.hub(2).onlineUsers().contains("carl"));
			String carl = Hubs.connectionOf(nodes.hub(2), "carl").id();
			nodes.hub(0).sendToConnection(carl, Event.notification("direct")).block();
			assertThat(onC.nextMessage().path("data").asString()).isEqualTo("direct");
			assertThat(onB.pollMessage(Duration.ofMillis(300).toNanos())).isNull();
			assertThat(nodes.hub(0).onlineUsers()).doesNotContain("carl", "bea");
			await().until(() -> nodes.hub(0).allOnlineUsers().block().containsAll(List.of("carl", "bea")));
			// Online in the user's room once its subscription there completes, which is not ordered
			// with the node-wide list of users.
			await().until(() -> nodes.hub(0).isOnline("carl").block());
			assertThat(nodes.hub(0).isOnline("nobody").block()).isFalse();
			assertThat(nodes.hub(1).nodes().block()).extracting(ClientInfo::connectionId)
				.contains(nodes.hub(0).nodeId(), nodes.hub(1).nodeId(), nodes.hub(2).nodeId());
			nodes.hub(0).disconnect(carl, dev.realtime.CloseCodes.DISCONNECTED, "from another node").block();
			assertThat(onC.closeStatus().code()).isEqualTo(dev.realtime.CloseCodes.DISCONNECTED);
			await().until(() -> !nodes.hub(0).isOnline("carl").block());
		}
	}

	@Test
	void presenceListsTheUsersOfEveryNodeAndJoinAndLeaveCrossNodes() {
		try (TestClient pia = TestClient.connect(nodes.ws(0, "pia")); TestClient quinn = TestClient.connect(nodes.ws(1, "quinn"))) {
			pia.subscribe("lobby");
			quinn.subscribe("lobby");
			assertThat(nextOf(pia, "quinn").path("type").asString()).isEqualTo("join");
			try (TestClient rae = TestClient.connect(nodes.ws(2, "rae"))) {
				rae.subscribe("lobby");
				assertThat(nextOf(pia, "rae").path("type").asString()).isEqualTo("join");
				JsonNode presence = pia.request("{\"type\":\"presence\",\"room\":\"lobby\"}").path("result");
				assertThat(presence.path("users").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("pia",
						"quinn", "rae");
				assertThat(nodes.hub(1).presenceStats("lobby").block().connections()).isEqualTo(3);
			}
			assertThat(nextOf(quinn, "rae").path("type").asString()).isEqualTo("join");
			assertThat(nextOf(pia, "rae").path("type").asString()).isEqualTo("leave");
			assertThat(nextOf(quinn, "rae").path("type").asString()).isEqualTo("leave");
			await().until(() -> nodes.hub(0).presence("lobby").block().size() == 2);
		}
	}

	@Test
	void publishersOnEveryNodeGiveEverySubscriberTheSameContiguousSequence() throws Exception {
		List<TestClient> subscribers = new ArrayList<>();
		try {
			for (int node = 0; node < 3; node++) {
				for (int i = 0; i < 10; i++) {
					TestClient client = TestClient.connect(nodes.ws(node, "s" + node + "x" + i));
					client.subscribe("race");
					subscribers.add(client);
				}
			}
			List<CompletableFuture<Void>> publishers = new ArrayList<>();
			for (int node = 0; node < 3; node++) {
				int publisher = node;
				publishers.add(CompletableFuture.runAsync(() -> {
					for (int i = 0; i < 1000; i++) {
						nodes.hub(publisher).publish("race", Event.message(publisher * 10_000 + i)).block();
					}
				}));
			}
			CompletableFuture.allOf(publishers.toArray(CompletableFuture[]::new)).get();
			for (TestClient subscriber : subscribers) {
				List<JsonNode> messages = subscriber.messages(3000);
				for (int i = 0; i < 3000; i++) {
					assertThat(messages.get(i).path("offset").asLong()).isEqualTo(i + 1);
				}
				assertThat(subscriber.pollMessage(Duration.ofMillis(50).toNanos())).isNull();
			}
		}
		finally {
			subscribers.forEach(TestClient::close);
		}
	}

	@Test
	void aClientDroppedFromOneNodeResumesOnAnotherWithoutLossWhileOthersPublish() throws Exception {
		AtomicBoolean publishing = new AtomicBoolean(true);
		List<Publication> published = new java.util.concurrent.CopyOnWriteArrayList<>();
		CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
			for (int i = 0; publishing.get(); i++) {
				published.add(nodes.hub(2).publish("moving", Event.message(i)).block());
				sleep(2);
			}
		});
		try {
			long last;
			String epoch;
			try (TestClient onA = TestClient.connect(nodes.ws(0, "mover"))) {
				onA.subscribe("moving");
				List<JsonNode> first = onA.messages(20);
				last = first.get(19).path("offset").asLong();
				epoch = first.get(19).path("epoch").asString();
			}
			try (TestClient onB = TestClient.connect(nodes.ws(1, "mover"))) {
				JsonNode reply = onB.request("{\"type\":\"subscribe\",\"room\":\"moving\",\"since\":{\"offset\":" + last
						+ ",\"epoch\":\"" + epoch + "\"}}");
				assertThat(reply.path("result").path("recovered").asBoolean()).isTrue();
				for (JsonNode message : onB.messages(100)) {
					assertThat(message.path("offset").asLong()).isEqualTo(++last);
				}
			}
			// The same over SSE: a stream on node A, then Last-Event-ID on node C.
			String lastEventId;
			long sseLast;
			try (SseTestClient onA = SseTestClient.connect(nodes.sse(0, "room=moving&user=mover"), null)) {
				onA.next("subscribed");
				List<SseTestClient.Event> events = onA.messages(10);
				lastEventId = events.get(9).id();
				sseLast = offsetOf(events.get(9));
			}
			try (SseTestClient onC = SseTestClient.connect(nodes.sse(2, "room=moving&user=mover"), lastEventId)) {
				assertThat(onC.next("subscribed").data()).contains("\"recovered\":true");
				for (SseTestClient.Event event : onC.messages(50)) {
					assertThat(offsetOf(event)).isEqualTo(++sseLast);
				}
			}
		}
		finally {
			publishing.set(false);
			publisher.get();
		}
	}

	@Test
	void theUsersOfANodeCutFromRedisLeavePresenceWithinTheTtl() {
		try (RedisNodes extra = RedisNodes.start(2, redis, "realtime.presence.ttl=2s",
				"realtime.presence.refresh-interval=300ms");
				TestClient staying = TestClient.connect(extra.ws(0, "stays"));
				TestClient cut = TestClient.connect(extra.ws(1, "is-cut"))) {
			staying.subscribe("watched");
			cut.subscribe("watched");
			await().until(() -> extra.hub(0).presence("watched").block().size() == 2);
			// As if the node died: its connections to Redis go, it neither refreshes nor cleans up.
			extra.bean(1, RedisConnections.class).close();
			await().atMost(Duration.ofSeconds(6)).until(() -> extra.hub(0)
				.presence("watched")
				.block()
				.stream()
				.map(ClientInfo::userId)
				.toList()
				.equals(List.of("stays")));
		}
	}

	private static long offsetOf(SseTestClient.Event event) {
		return tools.jackson.databind.json.JsonMapper.shared().readTree(event.data()).path("offset").asLong();
	}

	private static JsonNode nextOf(TestClient client, String user) {
		for (;;) {
			JsonNode frame = client.pollPresence(TestClient.TIMEOUT);
			assertThat(frame).as("a join or leave of " + user).isNotNull();
			if (user.equals(frame.path("user").asString())) {
				return frame;
			}
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
