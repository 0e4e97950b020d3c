package dev.realtime.autoconfigure.web;

import dev.realtime.RealtimePrincipal;
import dev.realtime.security.RealtimeAuthenticator;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;

/**
 * The application under test: the starter's auto-configuration, plus an authenticator that
 * takes the user from {@code ?user=} and rejects {@code ?user=reject}.
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
			return Mono.just((user != null) ? RealtimePrincipal.user(user) : RealtimePrincipal.anonymous());
		};
	}

}
