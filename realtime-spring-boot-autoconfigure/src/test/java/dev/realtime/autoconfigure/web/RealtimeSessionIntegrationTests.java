package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.realtime.CloseCodes;
import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.realtime.autoconfigure.web.RealtimeAuthenticationIntegrationTests.KEY;
import static dev.realtime.autoconfigure.web.RealtimeAuthenticationIntegrationTests.OTHER_KEY;
import static dev.realtime.autoconfigure.web.RealtimeAuthenticationIntegrationTests.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connections never outlive their credentials: a JWT's {@code exp} closes the connection with
 * {@link CloseCodes#CREDENTIALS_EXPIRED} unless the client refreshed it with a token of the same
 * user, and every connection of a user can be closed at once, from code or the actuator.
 */
@SpringBootTest(classes = RealtimeAuthenticationIntegrationTests.JwtApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "realtime.security.allowed-origins=https://*.example.com",
				"management.endpoints.web.exposure.include=realtime" })
class RealtimeSessionIntegrationTests {

	/** Lifetime of the tokens that expire during a test: a JWT's {@code exp} is in whole seconds. */
	private static final Duration SHORT = Duration.ofSeconds(2);

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Test
	void aConnectionIsToldWhenItsTokenExpiresAndClosedWith4003ThenWhileOthersAreServed() {
		Instant expiry = Instant.now().plus(SHORT);
		try (TestClient expiring = connect(token(KEY, "eve", expiry)); TestClient bystander = connect(longToken("bo"))) {
			JsonNode session = expiring.await((frame) -> "session".equals(frame.path("type").asString()));
			assertThat(session.path("expires").asLong()).isEqualTo(expiry.getEpochSecond() * 1000);
			expiring.subscribe("expiry");
			bystander.subscribe("expiry");
			assertThat(expiring.closeStatus(SHORT.plusSeconds(3)).code()).isEqualTo(CloseCodes.CREDENTIALS_EXPIRED);
			assertThat(Instant.now()).isAfterOrEqualTo(expiry.minusSeconds(1));
			this.hub.publish("expiry", Event.message("still served")).block();
			assertThat(bystander.nextMessage().path("data").asString()).isEqualTo("still served");
		}
	}

	@Test
	void aTokenRefreshedBeforeItExpiresKeepsTheConnectionOpenUntilTheNewExpiry() {
		try (TestClient client = connect(token(KEY, "rita", Instant.now().plus(SHORT)))) {
			client.subscribe("refreshed");
			Instant renewed = Instant.now().plusSeconds(600);
			JsonNode reply = client.request(refresh(token(KEY, "rita", renewed)));
			assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
			assertThat(reply.path("result").path("expires").asLong()).isEqualTo(renewed.getEpochSecond() * 1000);
			// Open past the first token's expiry.
			await().during(SHORT.plusSeconds(1)).atMost(SHORT.plusSeconds(3)).until(client::isOpen);
			this.hub.publish("refreshed", Event.message("after the first expiry")).block();
			assertThat(client.nextMessage().path("data").asString()).isEqualTo("after the first expiry");
		}
	}

	@Test
	void aRefreshWithAnotherUsersOrABadTokenIsRefusedAndTheConnectionStillExpires() {
		try (TestClient client = connect(token(KEY, "sam", Instant.now().plus(SHORT)))) {
			JsonNode otherUser = client.request(refresh(longToken("mallory")));
			assertThat(otherUser.path("type").asString()).isEqualTo("error");
			assertThat(otherUser.path("code").asString()).isEqualTo("forbidden");
			for (String bad : new String[] { "not-a-jwt", token(OTHER_KEY, "sam", Instant.now().plusSeconds(600)),
					token(KEY, "sam", Instant.now().minusSeconds(600)) }) {
				JsonNode refused = client.request(refresh(bad));
				assertThat(refused.path("code").asString()).as(bad).isEqualTo("unauthorized");
			}
			assertThat(client.request("{\"type\":\"refresh\"}").path("code").asString()).isEqualTo("bad_request");
			assertThat(client.closeStatus(SHORT.plusSeconds(3)).code()).isEqualTo(CloseCodes.CREDENTIALS_EXPIRED);
		}
	}

	@Test
	void anSseStreamEndsWithItsCloseEventWhenItsTokenExpires() throws Exception {
		try (SseTestClient stream = SseTestClient.connect(URI.create("http://localhost:" + this.port
				+ "/realtime/sse?room=sse-expiry&token=" + token(KEY, "sid", Instant.now().plus(SHORT))), null)) {
			stream.next("subscribed");
			SseTestClient.Event close = stream.next("close");
			JsonNode data = JsonMapper.shared().readTree(close.data());
			assertThat(data.path("code").asInt()).isEqualTo(CloseCodes.CREDENTIALS_EXPIRED);
			assertThat(stream.poll(500)).as("nothing after the close event").isNull();
		}
	}

	@Test
	void everyConnectionOfAUserIsClosedFromCodeAndFromTheActuator() throws Exception {
		try (TestClient phone = connect(longToken("ula")); TestClient laptop = connect(longToken("ula"));
				SseTestClient tab = SseTestClient.connect(URI.create("http://localhost:" + this.port
						+ "/realtime/sse?room=logout&token=" + longToken("ula")), null);
				TestClient other = connect(longToken("vic"))) {
			tab.next("subscribed");
			this.hub.disconnectUser("ula", CloseCodes.DISCONNECTED, "logged out").block();
			assertThat(phone.closeStatus().code()).isEqualTo(CloseCodes.DISCONNECTED);
			assertThat(laptop.closeStatus().reasonText()).isEqualTo("logged out");
			assertThat(JsonMapper.shared().readTree(tab.next("close").data()).path("code").asInt())
				.isEqualTo(CloseCodes.DISCONNECTED);
			assertThat(other.request("{\"type\":\"ping\"}").path("type").asString()).isEqualTo("pong");

			WebTestClient actuator = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
			actuator.post()
				.uri("/actuator/realtime")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("user", "vic", "reason", "banned"))
				.exchange()
				.expectStatus()
				.isOk();
			assertThat(other.closeStatus().reasonText()).isEqualTo("banned");
			await().until(() -> this.hub.connections().isEmpty());
			actuator.post()
				.uri("/actuator/realtime")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("reason", "whom?"))
				.exchange()
				.expectStatus()
				.isBadRequest();
		}
	}

	private TestClient connect(String token) {
		return TestClient.connect(URI.create("ws://localhost:" + this.port + "/realtime/ws?token=" + token));
	}

	private static String longToken(String user) {
		return token(KEY, user, Instant.now().plusSeconds(600));
	}

	private static String refresh(String token) {
		return "{\"type\":\"refresh\",\"token\":\"" + token + "\"}";
	}

}
