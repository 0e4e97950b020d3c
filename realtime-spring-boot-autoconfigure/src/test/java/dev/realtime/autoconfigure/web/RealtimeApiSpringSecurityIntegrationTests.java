package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
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

/**
 * With Spring Security and no key, the application's rules protect the server API: here, HTTP
 * Basic and the role {@code ADMIN} for its path.
 */
@SpringBootTest(classes = RealtimeApiSpringSecurityIntegrationTests.SecuredApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "realtime.api.enabled=true")
class RealtimeApiSpringSecurityIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void theApplicationsRulesDecideWhoCallsTheApi() {
		ApiClient api = new ApiClient(this.port, null);
		String publish = "{\"room\":\"secured\",\"data\":\"from the admin\"}";
		assertThat(api.post("publish", publish).status()).isEqualTo(401);
		assertThat(api.send(basic(api.request("publish"), "carol:secret").POST(HttpRequest.BodyPublishers.ofString(publish)))
			.status()).isEqualTo(403);
		try (TestClient carol = TestClient.connect(URI.create("ws://localhost:" + this.port + "/realtime/ws"),
				(headers) -> headers.set("Authorization", basicValue("carol:secret")))) {
			carol.subscribe("secured");
			ApiClient.Response published = api
				.send(basic(api.request("publish"), "admin:admin-secret").POST(HttpRequest.BodyPublishers.ofString(publish)));
			assertThat(published.status()).isEqualTo(200);
			assertThat(carol.nextMessage().path("data").asString()).isEqualTo("from the admin");
		}
	}

	private static HttpRequest.Builder basic(HttpRequest.Builder request, String credentials) {
		return request.header("Authorization", basicValue(credentials));
	}

	private static String basicValue(String credentials) {
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableWebFluxSecurity
	static class SecuredApplication {

		@Bean
		SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
			return http
				.authorizeExchange((exchanges) -> exchanges.pathMatchers("/realtime/api/**")
					.hasRole("ADMIN")
					.anyExchange()
					.permitAll())
				.httpBasic((basic) -> {
				})
				// Backends call the API with credentials, not with a browser's cookies.
				.csrf(ServerHttpSecurity.CsrfSpec::disable)
				.build();
		}

		@Bean
		MapReactiveUserDetailsService users() {
			return new MapReactiveUserDetailsService(
					User.withUsername("carol").password("{noop}secret").roles("USER").build(),
					User.withUsername("admin").password("{noop}admin-secret").roles("ADMIN").build());
		}

	}

}
