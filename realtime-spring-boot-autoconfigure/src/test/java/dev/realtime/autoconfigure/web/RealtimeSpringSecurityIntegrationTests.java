package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.realtime.RealtimeHub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handshakes through Spring Security, which lets everyone reach the endpoint: its logged-in
 * user connects as that user, and its anonymous token is no user at all.
 */
@SpringBootTest(classes = RealtimeSpringSecurityIntegrationTests.SecuredApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealtimeSpringSecurityIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Test
	void aUserSpringSecurityAuthenticatedConnectsAsThatUser() {
		String basic = "Basic " + Base64.getEncoder().encodeToString("carol:secret".getBytes(StandardCharsets.UTF_8));
		try (TestClient client = TestClient.connect(URI.create("ws://localhost:" + this.port + "/realtime/ws"),
				(headers) -> headers.set("Authorization", basic))) {
			await().until(() -> this.hub.onlineUsers().contains("carol"));
			assertThat(client.subscribe("user:carol").path("ok").asBoolean()).isTrue();
		}
	}

	@Test
	void springSecuritysAnonymousUserIsNotAUserAndIsRefused() throws Exception {
		try (RawWebSocketClient handshake = RawWebSocketClient.open(this.port, "/realtime/ws")) {
			assertThat(handshake.status()).isEqualTo(401);
		}
		assertThat(this.hub.onlineUsers()).doesNotContain("anonymousUser");
	}

	@Test
	void wrongCredentialsAreRefusedBySpringSecurity() throws Exception {
		String basic = Base64.getEncoder().encodeToString("carol:wrong".getBytes(StandardCharsets.UTF_8));
		try (RawWebSocketClient handshake = RawWebSocketClient.open(this.port, "/realtime/ws", "Authorization: Basic " + basic + "\r\n")) {
			assertThat(handshake.status()).isEqualTo(401);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableWebFluxSecurity
	static class SecuredApplication {

		@Bean
		SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
				.httpBasic((basic) -> {
				})
				// What many applications enable: every request nobody logged in to gets an
				// anonymous token, which a naive mapping would take for a user.
				.anonymous((anonymous) -> {
				})
				.csrf(ServerHttpSecurity.CsrfSpec::disable)
				.build();
		}

		@Bean
		MapReactiveUserDetailsService users() {
			return new MapReactiveUserDetailsService(
					User.withUsername("carol").password("{noop}secret").roles("USER").build());
		}

	}

}
