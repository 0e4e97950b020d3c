package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.time.Duration;

import dev.realtime.ClientInfo;
import dev.realtime.PresenceStats;
import dev.realtime.RealtimeHub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Presence as clients see it: join and leave frames, the {@code presence} request, and the hub's
 * presence for application code.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "realtime.presence.join-leave-rooms=chat*")
class RealtimePresenceIntegrationTests {

	private static final String ROOM = "chat:lobby";

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Test
	void membersSeeEachOthersJoinAndLeaveAlsoWhenAConnectionDropsAbruptly() throws Exception {
		try (TestClient alice = connect("alice")) {
			alice.subscribe("chat:lobby");
			// A member is told of its own join too, as the first thing after its subscription.
			assertPresence(nextOf(alice, "alice"), "join", "chat:lobby");
			try (TestClient bob = connect("bob")) {
				bob.subscribe("chat:lobby");
				assertPresence(nextOf(alice, "bob"), "join", ROOM);
				assertPresence(nextOf(bob, "bob"), "join", ROOM);
				try (RawWebSocketClient carol = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=carol")) {
					carol.send("{\"type\":\"subscribe\",\"room\":\"chat:lobby\"}");
					assertPresence(nextOf(alice, "carol"), "join", ROOM);
					assertPresence(nextOf(bob, "carol"), "join", ROOM);
				}
				// Carol's socket dropped without a close frame: she leaves all the same.
				assertPresence(nextOf(alice, "carol"), "leave", ROOM);
				assertPresence(nextOf(bob, "carol"), "leave", ROOM);
			}
			assertPresence(nextOf(alice, "bob"), "leave", ROOM);
		}
	}

	@Test
	void theCallerUnsubscribingIsALeaveToo() {
		try (TestClient dora = connect("dora"); TestClient erin = connect("erin")) {
			dora.subscribe("chat:unsub");
			erin.subscribe("chat:unsub");
			assertPresence(nextOf(dora, "erin"), "join", "chat:unsub");
			assertThat(erin.request("{\"type\":\"unsubscribe\",\"room\":\"chat:unsub\"}").path("ok").asBoolean())
				.isTrue();
			assertPresence(nextOf(dora, "erin"), "leave", "chat:unsub");
		}
	}

	@Test
	void aRoomConfiguredWithoutJoinAndLeaveSendsNone() throws Exception {
		try (TestClient frank = connect("frank"); TestClient gina = connect("gina")) {
			frank.subscribe("quiet");
			gina.subscribe("quiet");
			gina.close();
			assertThat(frank.pollPresence(Duration.ofSeconds(1))).isNull();
		}
	}

	@Test
	void presenceListsEveryUserWithStatsForClientsAndApplicationCode() {
		try (TestClient hana = connect("hana"); TestClient ivan = connect("ivan"); TestClient ivan2 = connect("ivan");
				TestClient anonymous = TestClient.connect(URI.create("ws://localhost:" + this.port + "/realtime/ws"))) {
			for (TestClient client : new TestClient[] { hana, ivan, ivan2, anonymous }) {
				client.subscribe("quiet:presence");
			}
			JsonNode presence = hana.request("{\"type\":\"presence\",\"room\":\"quiet:presence\"}").path("result");
			assertThat(presence.path("room").asString()).isEqualTo("quiet:presence");
			assertThat(presence.path("users").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("hana",
					"ivan");
			assertThat(presence.path("truncated").asBoolean()).isFalse();
			assertThat(presence.path("connections").asInt()).isEqualTo(4);
			assertThat(presence.path("uniqueUsers").asInt()).isEqualTo(2);
			assertThat(this.hub.presenceStats("quiet:presence").block()).isEqualTo(new PresenceStats(4, 2));
			assertThat(this.hub.presence("quiet:presence").block()).extracting(ClientInfo::userId)
				.containsExactlyInAnyOrder("hana", "ivan", "ivan", null);
			anonymous.close();
			await().until(() -> this.hub.presenceStats("quiet:presence").block().connections() == 3);
		}
		await().until(() -> this.hub.presence("quiet:presence").block().isEmpty());
	}

	@Test
	void roomsTheServerJoinsCountInPresenceLikeSubscriptions() {
		assertThat(this.hub.isOnline("jude").block()).isFalse();
		try (TestClient jude = connect("jude")) {
			// The personal room is joined by the server as the connection opens.
			await().until(() -> this.hub.isOnline("jude").block());
			String id = Hubs.connectionOf(this.hub, "jude").id();
			this.hub.join(id, "quiet:joined").block();
			await().until(() -> this.hub.presenceStats("quiet:joined").block().equals(new PresenceStats(1, 1)));
			assertThat(jude.isOpen()).isTrue();
		}
		await().until(() -> !this.hub.isOnline("jude").block()
				&& this.hub.presence("quiet:joined").block().isEmpty());
	}

	private TestClient connect(String user) {
		return TestClient.connect(URI.create("ws://localhost:" + this.port + "/realtime/ws?user=" + user));
	}

	/** The next join or leave about {@code user}; others (a client's own join) are skipped. */
	private static JsonNode nextOf(TestClient client, String user) {
		for (;;) {
			JsonNode frame = client.pollPresence(TestClient.TIMEOUT);
			assertThat(frame).as("a join or leave of " + user).isNotNull();
			if (user.equals(frame.path("user").asString())) {
				return frame;
			}
		}
	}

	private static void assertPresence(JsonNode frame, String type, String room) {
		assertThat(frame.path("type").asString()).as(frame.toString()).isEqualTo(type);
		assertThat(frame.path("room").asString()).as(frame.toString()).isEqualTo(room);
	}

}
