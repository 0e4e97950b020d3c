package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import dev.realtime.CloseCodes;
import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.RealtimeHub;
import dev.realtime.broker.LocalBroker;
import dev.realtime.presence.InMemoryPresenceStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

// Publishers here send as fast as they can: the rate limit has tests of its own.
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// Its clients, all on one address, stand for many: no handshake limit per address.
		properties = { "realtime.limits.messages-per-second=0", "realtime.limits.handshakes-per-second-per-address=0" })
class RealtimeWebSocketIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Autowired
	LocalBroker broker;

	@Autowired
	InMemoryPresenceStore presence;

	URI uri(String user) {
		return URI.create("ws://localhost:" + this.port + "/realtime/ws" + ((user != null) ? "?user=" + user : ""));
	}

	@Test
	void membersOfARoomGetEachOthersMessagesAndNobodyElseDoes() {
		try (TestClient a1 = TestClient.connect(uri("a1")); TestClient a2 = TestClient.connect(uri("a2"));
				TestClient b = TestClient.connect(uri("b"))) {
			a1.subscribe("room-a");
			a2.subscribe("room-a");
			b.subscribe("room-b");
			JsonNode reply = a1.request("{\"type\":\"publish\",\"room\":\"room-a\",\"data\":{\"text\":\"hi\"}}");
			assertThat(reply.path("ok").asBoolean()).isTrue();
			assertThat(reply.path("result").path("offset").asLong()).isEqualTo(1);
			for (TestClient member : List.of(a1, a2)) {
				JsonNode message = member.nextMessage();
				assertThat(message.path("room").asString()).isEqualTo("room-a");
				assertThat(message.path("data").path("text").asString()).isEqualTo("hi");
				assertThat(message.path("from").asString()).isEqualTo("a1");
				assertThat(message.path("offset").asLong()).isEqualTo(1);
			}
			// b's first message is the marker of its own room: nothing of room-a came before it.
			this.hub.publish("room-b", Event.message("marker")).block();
			assertThat(b.nextMessage().path("data").asString()).isEqualTo("marker");

			a2.request("{\"type\":\"unsubscribe\",\"room\":\"room-a\"}");
			a2.subscribe("room-c");
			a1.request("{\"type\":\"publish\",\"room\":\"room-a\",\"data\":\"after\"}");
			assertThat(a1.nextMessage().path("data").asString()).isEqualTo("after");
			this.hub.publish("room-c", Event.message("marker")).block();
			assertThat(a2.nextMessage().path("data").asString()).isEqualTo("marker");
		}
	}

	@Test
	void sendToUserReachesEveryConnectionOfThatUserAndBroadcastReachesAll() {
		List<TestClient> u1 = List.of(TestClient.connect(uri("u1")), TestClient.connect(uri("u1")),
				TestClient.connect(uri("u1")));
		try (TestClient u2 = TestClient.connect(uri("u2")); TestClient anonymous = TestClient.connect(uri(null))) {
			await().until(() -> this.hub.connections().size() >= 5);
			this.hub.sendToUser("u1", Event.notification("hello", Map.of("n", 1))).block();
			for (TestClient device : u1) {
				JsonNode message = device.nextMessage();
				assertThat(message.path("room").asString()).isEqualTo("user:u1");
				assertThat(message.path("event").asString()).isEqualTo("notification");
				assertThat(message.path("data").path("title").asString()).isEqualTo("hello");
			}
			this.hub.broadcast(Event.system("everyone")).block();
			for (TestClient client : List.of(u1.get(0), u1.get(1), u1.get(2), u2, anonymous)) {
				JsonNode message = client.nextMessage();
				assertThat(message.path("event").asString()).isEqualTo("system");
				assertThat(message.path("data").asString()).isEqualTo("everyone");
				assertThat(message.has("room")).isFalse();
			}
			assertThat(this.hub.onlineUsers()).contains("u1", "u2");
		}
		finally {
			u1.forEach(TestClient::close);
		}
	}

	@Test
	void concurrentPublishersReachEverySubscriberExactlyOnceAndInOrder() {
		int publishers = 20;
		int perPublisher = 500;
		List<TestClient> subscribers = new ArrayList<>();
		List<TestClient> senders = new ArrayList<>();
		try {
			for (int i = 0; i < 50; i++) {
				TestClient subscriber = TestClient.connect(uri("s" + i));
				subscriber.subscribe("busy");
				subscribers.add(subscriber);
			}
			for (int p = 0; p < publishers; p++) {
				TestClient sender = TestClient.connect(uri("p" + p));
				sender.subscribe("busy");
				senders.add(sender);
			}
			List<CompletableFuture<Void>> sending = new ArrayList<>();
			for (int p = 0; p < publishers; p++) {
				TestClient sender = senders.get(p);
				int publisher = p;
				sending.add(CompletableFuture.runAsync(() -> IntStream.range(0, perPublisher)
					.forEach((seq) -> sender.send("{\"type\":\"publish\",\"room\":\"busy\",\"data\":{\"p\":" + publisher
							+ ",\"seq\":" + seq + "}}"))));
			}
			sending.forEach(CompletableFuture::join);
			for (TestClient subscriber : subscribers) {
				List<JsonNode> messages = subscriber.messages(publishers * perPublisher);
				long previousOffset = 0;
				int[] nextSeq = new int[publishers];
				for (JsonNode message : messages) {
					long offset = message.path("offset").asLong();
					assertThat(offset).isGreaterThan(previousOffset);
					previousOffset = offset;
					int publisher = message.path("data").path("p").asInt();
					assertThat(message.path("data").path("seq").asInt()).isEqualTo(nextSeq[publisher]++);
				}
				assertThat(nextSeq).containsOnly(perPublisher);
				assertThat(subscriber.pollMessage(50_000_000L)).isNull();
			}
		}
		finally {
			subscribers.forEach(TestClient::close);
			senders.forEach(TestClient::close);
		}
	}

	@Test
	void everyMalformedFrameGetsItsErrorAndTheConnectionStaysUsable() {
		Map<String, String> cases = Map.ofEntries(Map.entry("{not json", "bad_request"),
				Map.entry("[1,2,3]", "bad_request"), Map.entry("{\"room\":\"a\"}", "bad_request"),
				Map.entry("{\"type\":42}", "bad_request"), Map.entry("{\"type\":\"teleport\"}", "unknown_type"),
				Map.entry("{\"type\":\"subscribe\"}", "bad_request"),
				Map.entry("{\"type\":\"subscribe\",\"room\":\"bad room!\"}", "bad_request"),
				Map.entry("{\"type\":\"subscribe\",\"room\":\"$broadcast\"}", "bad_request"),
				Map.entry("{\"type\":\"subscribe\",\"room\":\"" + "x".repeat(129) + "\"}", "bad_request"),
				Map.entry("{\"type\":\"subscribe\",\"room\":\"user:someone-else\"}", "forbidden"),
				Map.entry("{\"type\":\"publish\",\"room\":\"not-joined\",\"data\":1}", "not_subscribed"),
				Map.entry("{\"type\":\"publish\",\"room\":\"user:x\",\"data\":1}", "forbidden"),
				Map.entry("{\"type\":\"publish\",\"room\":\"r\",\"event\":7}", "bad_request"),
				Map.entry("{\"type\":\"unsubscribe\",\"room\":\"never-joined\"}", "not_subscribed"),
				Map.entry("{\"type\":\"ping\",\"ref\":{\"nested\":true}}", "bad_request"));
		try (TestClient client = TestClient.connect(uri("fuzzy"))) {
			cases.forEach((frame, code) -> {
				client.send(frame);
				JsonNode error = client.await((f) -> "error".equals(f.path("type").asString(null)));
				assertThat(error.path("code").asString()).as(frame).isEqualTo(code);
				assertThat(error.path("message").asString()).as(frame).isNotBlank();
			});
			client.sendBinary("{\"type\":\"teleport\",\"ref\":\"b\"}".getBytes(StandardCharsets.UTF_8));
			assertThat(client.await((f) -> "b".equals(f.path("ref").asString(null))).path("code").asString())
				.isEqualTo("unknown_type");
			JsonNode error = client.request("{\"type\":\"subscribe\",\"room\":\"!\"}");
			assertThat(error.path("type").asString()).isEqualTo("error");
			assertThat(error.path("ref").asString()).startsWith("r");
			JsonNode pong = client.request("{\"type\":\"ping\"}");
			assertThat(pong.path("type").asString()).isEqualTo("pong");
			assertThat(client.subscribe("still-works").path("result").path("room").asString()).isEqualTo("still-works");
			JsonNode presence = client.request("{\"type\":\"presence\",\"room\":\"still-works\"}");
			assertThat(presence.path("result").path("users").get(0).asString()).isEqualTo("fuzzy");
		}
	}

	@Test
	void presenceOfABigRoomIsCappedAndSaysSo() {
		List<TestClient> crowd = new ArrayList<>();
		try {
			for (int i = 0; i < 102; i++) {
				TestClient member = TestClient.connect(uri("crowd" + i));
				member.subscribe("crowd");
				crowd.add(member);
			}
			JsonNode presence = crowd.get(0).request("{\"type\":\"presence\",\"room\":\"crowd\"}").path("result");
			assertThat(presence.path("users").size()).isEqualTo(100);
			assertThat(presence.path("truncated").asBoolean()).isTrue();
			assertThat(presence.path("connections").asInt()).isEqualTo(102);
		}
		finally {
			crowd.forEach(TestClient::close);
		}
	}

	@Test
	void aRejectedHandshakeGets401BeforeAnyUpgrade() {
		assertThat(org.springframework.test.web.reactive.server.WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.get()
			.uri("/realtime/ws?user=reject")
			.header("Upgrade", "websocket")
			.header("Connection", "Upgrade")
			.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
			.header("Sec-WebSocket-Version", "13")
			.exchange()
			.returnResult(Void.class)
			.getStatus()
			.value()).isEqualTo(401);
	}

	@Test
	void serverSideSubscribersReceivePublicationsInOrder() {
		Flux<Publication> publications = this.hub.subscribe("in-app").take(3);
		StepVerifier.create(publications)
			.then(() -> Flux.range(1, 3).concatMap((i) -> this.hub.publish("in-app", Event.update(i))).blockLast())
			.assertNext((p) -> assertThat(p.offset()).isEqualTo(1))
			.assertNext((p) -> assertThat(p.event().data().asInt()).isEqualTo(2))
			.assertNext((p) -> assertThat(p.offset()).isEqualTo(3))
			.verifyComplete();
	}

	@Test
	void disconnectClosesTheClientWithTheGivenCode() {
		try (TestClient client = TestClient.connect(uri("kicked"))) {
			await().until(() -> this.hub.onlineUsers().contains("kicked"));
			String id = Hubs.connectionOf(this.hub, "kicked").id();
			this.hub.disconnect(id, CloseCodes.DISCONNECTED, "bye").block();
			assertThat(client.closeStatus().code()).isEqualTo(CloseCodes.DISCONNECTED);
			await().until(() -> this.hub.connection(id).isEmpty());
		}
	}

	@Test
	void connectSubscribeDisconnectCyclesLeaveEveryRegistryEmpty() {
		await().until(() -> this.hub.connections().isEmpty());
		int subscriptionsBefore = this.broker.subscriptions();
		for (int i = 0; i < 1000; i++) {
			try (TestClient client = TestClient.connect(uri("cycler" + (i % 7)))) {
				client.subscribe("cycle-" + (i % 13));
				client.subscribe("shared");
			}
		}
		await().until(() -> this.hub.connections().isEmpty());
		assertThat(this.hub.rooms()).isEmpty();
		assertThat(this.hub.onlineUsers()).isEmpty();
		assertThat(this.broker.subscriptions()).isEqualTo(subscriptionsBefore);
		// What stays in presence: the node itself, in the internal room of nodes.
		assertThat(this.presence.rooms()).isEqualTo(1);
	}

}
