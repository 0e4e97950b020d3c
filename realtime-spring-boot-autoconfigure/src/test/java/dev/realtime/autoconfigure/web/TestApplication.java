package dev.realtime.autoconfigure.web;

import java.time.Duration;

import dev.realtime.RealtimePrincipal;
import dev.realtime.security.RealtimeAuthenticator;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;

/**
 * The application under test: the starter's auto-configuration, plus an authenticator that
 * takes the user from {@code ?user=} and rejects {@code ?user=reject}; with {@code ?lookup=}
 * milliseconds, it answers that late, like one that looks users up in a database.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApplication {

	@Bean
	RealtimeAuthenticator testAuthenticator() {
		return (exchange) -> {
			String user = exchange.getRequest().getQueryParams().getFirst("user");
			if ("reject".equals(user)) {
				return Mono.empty();
			}
			RealtimePrincipal principal = (user != null) ? RealtimePrincipal.user(user) : RealtimePrincipal.anonymous();
			String lookup = exchange.getRequest().getQueryParams().getFirst("lookup");
			return (lookup != null) ? Mono.delay(Duration.ofMillis(Long.parseLong(lookup))).thenReturn(principal)
					: Mono.just(principal);
		};
	}

}
