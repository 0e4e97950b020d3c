package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import dev.realtime.RealtimeHub;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handshakes against an application that verifies JWTs with its own {@link ReactiveJwtDecoder}
 * and configures nothing else: anonymous clients are then refused by default.
 */
@SpringBootTest(classes = RealtimeAuthenticationIntegrationTests.JwtApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "realtime.security.allowed-origins=https://*.example.com")
class RealtimeAuthenticationIntegrationTests {

	static final SecretKey KEY = key("a secret of 32 bytes at the very least");

	static final SecretKey OTHER_KEY = key("another secret of 32 bytes or more");

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Autowired
	LimitCounters counters;

	@Test
	void aHandshakeWithoutTokenIsRefusedWith401() throws Exception {
		long before = this.counters.count(LimitEvent.HANDSHAKE_UNAUTHORIZED);
		try (RawWebSocketClient handshake = RawWebSocketClient.open(this.port, "/realtime/ws")) {
			assertThat(handshake.status()).isEqualTo(401);
		}
		assertThat(this.counters.count(LimitEvent.HANDSHAKE_UNAUTHORIZED)).isEqualTo(before + 1);
	}

	@Test
	void badForgedAndExpiredTokensAreRefusedWith401InTheHeaderAndTheQuery() throws Exception {
		Instant now = Instant.now();
		String[] refused = { "not-a-jwt", "a.b.c", token(OTHER_KEY, "mallory", now.plusSeconds(600)),
				token(KEY, "alice", now.minus(10, ChronoUnit.MINUTES)), token(KEY, " ", now.plusSeconds(600)) };
		for (String token : refused) {
			try (RawWebSocketClient header = RawWebSocketClient.open(this.port, "/realtime/ws", "Authorization: Bearer " + token + "\r\n");
					RawWebSocketClient query = RawWebSocketClient.open(this.port, "/realtime/ws?token=" + token)) {
				assertThat(header.status()).as(token).isEqualTo(401);
				assertThat(query.status()).as(token).isEqualTo(401);
			}
		}
	}

	@Test
	void aValidTokenInTheHeaderOrTheQueryConnectsAsItsSubject() {
		String alice = token(KEY, "alice", Instant.now().plusSeconds(600));
		String bob = token(KEY, "bob", Instant.now().plusSeconds(600));
		try (TestClient byHeader = TestClient.connect(uri(""), (headers) -> headers.set("Authorization", "Bearer " + alice));
				TestClient byQuery = TestClient.connect(uri("?token=" + bob))) {
			await().until(() -> this.hub.onlineUsers().containsAll(java.util.List.of("alice", "bob")));
			assertThat(byHeader.subscribe("user:alice").path("ok").asBoolean()).isTrue();
			assertThat(byQuery.request("{\"type\":\"subscribe\",\"room\":\"user:alice\"}").path("code").asString())
				.isEqualTo("forbidden");
		}
	}

	@Test
	void twoTokensAtOnceAreRefused() throws Exception {
		String alice = token(KEY, "alice", Instant.now().plusSeconds(600));
		try (RawWebSocketClient handshake = RawWebSocketClient.open(this.port, "/realtime/ws?token=" + alice,
				"Authorization: Bearer " + alice + "\r\n")) {
			assertThat(handshake.status()).isEqualTo(401);
		}
	}

	@Test
	void aPageOfAnotherOriginIsRefusedWith403AndAllowedOnesConnect() throws Exception {
		String alice = "Authorization: Bearer " + token(KEY, "alice", Instant.now().plusSeconds(600)) + "\r\n";
		long before = this.counters.count(LimitEvent.HANDSHAKE_ORIGIN_REFUSED);
		try (RawWebSocketClient evil = RawWebSocketClient.open(this.port, "/realtime/ws", alice + "Origin: https://evil.test\r\n");
				RawWebSocketClient lookalike = RawWebSocketClient.open(this.port, "/realtime/ws",
						alice + "Origin: https://example.com.evil.test\r\n");
				RawWebSocketClient allowed = RawWebSocketClient.open(this.port, "/realtime/ws", alice + "Origin: https://app.example.com\r\n");
				RawWebSocketClient sameOrigin = RawWebSocketClient.open(this.port, "/realtime/ws",
						alice + "Origin: http://localhost:" + this.port + "\r\n")) {
			assertThat(evil.status()).isEqualTo(403);
			assertThat(lookalike.status()).isEqualTo(403);
			assertThat(allowed.status()).isEqualTo(101);
			assertThat(sameOrigin.status()).isEqualTo(101);
		}
		assertThat(this.counters.count(LimitEvent.HANDSHAKE_ORIGIN_REFUSED)).isEqualTo(before + 2);
	}

	@Test
	void theSseEndpointIsGuardedAlike() {
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		String alice = token(KEY, "alice", Instant.now().plusSeconds(600));
		String expired = token(KEY, "alice", Instant.now().minusSeconds(60));
		client.get().uri("/realtime/sse?room=a").exchange().expectStatus().isUnauthorized();
		client.get().uri("/realtime/sse?room=a&token=garbage" + alice).exchange().expectStatus().isUnauthorized();
		client.get().uri("/realtime/sse?room=a&token=" + expired).exchange().expectStatus().isUnauthorized();
		client.get()
			.uri("/realtime/sse?room=a&token=" + alice)
			.header("Origin", "https://evil.test")
			.exchange()
			.expectStatus()
			.isForbidden();
		client.get().uri("/realtime/sse?room=user:bob&token=" + alice).exchange().expectStatus().isForbidden();
		String first = client.get()
			.uri("/realtime/sse?room=user:alice&token=" + alice)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody()
			.filter((data) -> data.contains("user:alice"))
			.blockFirst(Duration.ofSeconds(10));
		assertThat(first).contains("\"room\":\"user:alice\"");
	}

	URI uri(String query) {
		return URI.create("ws://localhost:" + this.port + "/realtime/ws" + query);
	}

	static String token(SecretKey key, String subject, Instant expiresAt) {
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.subject(subject)
			.issuedAt(expiresAt.minus(20, ChronoUnit.MINUTES))
			.expiresAt(expiresAt)
			.build();
		return NimbusJwtEncoder.withSecretKey(key)
			.build()
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

	private static SecretKey key(String secret) {
		return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class JwtApplication {

		@Bean
		ReactiveJwtDecoder jwtDecoder() {
			return NimbusReactiveJwtDecoder.withSecretKey(KEY).macAlgorithm(MacAlgorithm.HS256).build();
		}


	}

}
