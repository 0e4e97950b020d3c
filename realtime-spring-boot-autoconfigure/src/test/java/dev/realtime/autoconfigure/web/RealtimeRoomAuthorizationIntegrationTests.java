package dev.realtime.autoconfigure.web;

import java.net.URI;

import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "realtime.security.room-rules[0].pattern=news:*",
				"realtime.security.room-rules[0].publish=nobody",
				"realtime.security.room-rules[1].pattern=staff:*",
				"realtime.security.room-rules[1].subscribe=authenticated",
				"realtime.security.room-rules[1].publish=authenticated",
				"realtime.limits.max-rooms-per-connection=3", "realtime.limits.max-room-members=2" })
class RealtimeRoomAuthorizationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Autowired
	LimitCounters counters;

	URI uri(String user) {
		return URI.create("ws://localhost:" + this.port + "/realtime/ws" + ((user != null) ? "?user=" + user : ""));
	}

	@Test
	void aUserCannotSubscribeToAnothersPersonalRoomNorHearWhatIsSentThere() {
		long before = this.counters.count(LimitEvent.SUBSCRIBE_FORBIDDEN);
		try (TestClient u1 = TestClient.connect(uri("u1")); TestClient u2 = TestClient.connect(uri("u2"))) {
			JsonNode error = u1.request("{\"type\":\"subscribe\",\"room\":\"user:u2\"}");
			assertThat(error.path("code").asString()).isEqualTo("forbidden");
			assertThat(u1.request("{\"type\":\"presence\",\"room\":\"user:u2\"}").path("code").asString())
				.isEqualTo("forbidden");
			await().until(() -> this.hub.onlineUsers().containsAll(java.util.List.of("u1", "u2")));
			this.hub.sendToUser("u2", Event.notification("for u2 only")).block();
			assertThat(u2.nextMessage().path("room").asString()).isEqualTo("user:u2");
			this.hub.sendToUser("u1", Event.notification("marker")).block();
			// u1's first message is its own marker: nothing of u2's room came before it.
			assertThat(u1.nextMessage().path("data").asString()).isEqualTo("marker");
		}
		assertThat(this.counters.count(LimitEvent.SUBSCRIBE_FORBIDDEN)).isEqualTo(before + 2);
	}

	@Test
	void clientsCannotPublishWhereRulesForbidButStillReceive() {
		try (TestClient reader = TestClient.connect(uri("reader"))) {
			reader.subscribe("news:world");
			JsonNode error = reader.request("{\"type\":\"publish\",\"room\":\"news:world\",\"data\":\"fake news\"}");
			assertThat(error.path("code").asString()).isEqualTo("forbidden");
			assertThat(reader.request("{\"type\":\"publish\",\"room\":\"user:reader\",\"data\":1}").path("code")
				.asString()).isEqualTo("forbidden");
			this.hub.publish("news:world", Event.message("real news")).block();
			JsonNode message = reader.nextMessage();
			assertThat(message.path("data").asString()).isEqualTo("real news");
			assertThat(message.path("offset").asLong()).as("the refused publication took no offset").isEqualTo(1);
		}
	}

	@Test
	void anonymousClientsAreKeptOutOfRoomsForAuthenticatedUsers() {
		try (TestClient anonymous = TestClient.connect(uri(null)); TestClient staff = TestClient.connect(uri("staff1"))) {
			assertThat(anonymous.request("{\"type\":\"subscribe\",\"room\":\"staff:room\"}").path("code").asString())
				.isEqualTo("forbidden");
			anonymous.subscribe("lobby");
			staff.subscribe("staff:room");
			staff.request("{\"type\":\"publish\",\"room\":\"staff:room\",\"data\":\"internal\"}");
			assertThat(staff.nextMessage().path("data").asString()).isEqualTo("internal");
			this.hub.publish("lobby", Event.message("marker")).block();
			assertThat(anonymous.nextMessage().path("data").asString()).isEqualTo("marker");
			assertThat(this.hub.room("staff:room").size()).isEqualTo(1);
		}
	}

	@Test
	void aConnectionIsLimitedInRoomsAndARoomInMembers() {
		long tooMany = this.counters.count(LimitEvent.ROOMS_EXCEEDED);
		long full = this.counters.count(LimitEvent.ROOM_FULL);
		try (TestClient a = TestClient.connect(uri("a")); TestClient b = TestClient.connect(uri("b"));
				TestClient c = TestClient.connect(uri("c"))) {
			// a is in user:a already: two more rooms reach its limit of three.
			a.subscribe("one");
			a.subscribe("two");
			JsonNode error = a.request("{\"type\":\"subscribe\",\"room\":\"three\"}");
			assertThat(error.path("code").asString()).isEqualTo("too_many_rooms");
			assertThat(a.subscribe("two").path("ok").asBoolean()).as("a room it is in already").isTrue();
			b.subscribe("one");
			assertThat(c.request("{\"type\":\"subscribe\",\"room\":\"one\"}").path("code").asString())
				.isEqualTo("room_full");
			assertThat(this.hub.room("one").size()).isEqualTo(2);
		}
		assertThat(this.counters.count(LimitEvent.ROOMS_EXCEEDED)).isEqualTo(tooMany + 1);
		assertThat(this.counters.count(LimitEvent.ROOM_FULL)).isEqualTo(full + 1);
	}

}
