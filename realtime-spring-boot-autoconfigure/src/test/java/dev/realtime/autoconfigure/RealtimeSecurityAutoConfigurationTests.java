package dev.realtime.autoconfigure;

import java.security.Principal;

import dev.realtime.RealtimePrincipal;
import dev.realtime.security.JwtTokenVerifier;
import dev.realtime.security.RealtimeAuthenticator;
import dev.realtime.security.RoomAuthorizer;
import dev.realtime.security.TokenVerifier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link RealtimeAutoConfiguration} authenticates handshakes and authorizes rooms, with and
 * without Spring Security, JWT support and the application's own beans.
 */
class RealtimeSecurityAutoConfigurationTests {

	private static final TokenVerifier ALICE_ONLY = (token) -> "alice-token".equals(token)
			? Mono.just(RealtimePrincipal.user("alice")) : Mono.empty();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RealtimeAutoConfiguration.class));

	@Test
	void withNoWayToAuthenticateAnonymousClientsAreLetIn() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Authentication.class, ReactiveJwtDecoder.class))
			.run((context) -> assertThat(authenticate(context.getBean(RealtimeAuthenticator.class), request("/ws")))
				.isEqualTo(RealtimePrincipal.anonymous()));
	}

	@Test
	void withoutSpringSecurityTheRequestsPrincipalIsTakenByName() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Authentication.class)).run((context) -> {
			Principal principal = () -> "dave";
			ServerWebExchange exchange = request("/ws").mutate().principal(Mono.just(principal)).build();
			assertThat(authenticate(context.getBean(RealtimeAuthenticator.class), exchange).userId()).isEqualTo("dave");
		});
	}

	@Test
	void aTokenVerifierBeanVerifiesTokensAndShutsAnonymousClientsOut() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Authentication.class))
			.withBean(TokenVerifier.class, () -> ALICE_ONLY)
			.run((context) -> {
				RealtimeAuthenticator authenticator = context.getBean(RealtimeAuthenticator.class);
				assertThat(authenticate(authenticator, request("/ws"))).isNull();
				assertThat(authenticate(authenticator, request("/ws?token=bad"))).isNull();
				assertThat(authenticate(authenticator, request("/ws?token=alice-token")).userId()).isEqualTo("alice");
				MockServerWebExchange byHeader = MockServerWebExchange
					.from(MockServerHttpRequest.get("/ws").header("Authorization", "Bearer alice-token"));
				assertThat(authenticate(authenticator, byHeader).userId()).isEqualTo("alice");
			});
	}

	@Test
	void allowAnonymousOverridesTheDefault() {
		this.contextRunner.withBean(TokenVerifier.class, () -> ALICE_ONLY)
			.withPropertyValues("realtime.security.allow-anonymous=true")
			.run((context) -> assertThat(authenticate(context.getBean(RealtimeAuthenticator.class), request("/ws")))
				.isEqualTo(RealtimePrincipal.anonymous()));
		this.contextRunner.withClassLoader(new FilteredClassLoader(Authentication.class, ReactiveJwtDecoder.class))
			.withPropertyValues("realtime.security.allow-anonymous=false")
			.run((context) -> assertThat(authenticate(context.getBean(RealtimeAuthenticator.class), request("/ws")))
				.isNull());
	}

	@Test
	void withSpringSecurityItsUsersConnectAndItsAnonymousTokenDoesNot() {
		this.contextRunner.run((context) -> {
			RealtimeAuthenticator authenticator = context.getBean(RealtimeAuthenticator.class);
			Authentication erin = UsernamePasswordAuthenticationToken.authenticated("erin", null,
					AuthorityUtils.createAuthorityList("ROLE_USER"));
			RealtimePrincipal principal = authenticate(authenticator,
					request("/ws").mutate().principal(Mono.just(erin)).build());
			assertThat(principal.userId()).isEqualTo("erin");
			assertThat(principal.attributes()).containsEntry("authentication", erin);
			Authentication anonymous = new AnonymousAuthenticationToken("key", "anonymousUser",
					AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
			assertThat(authenticate(authenticator, request("/ws").mutate().principal(Mono.just(anonymous)).build()))
				.isNull();
			Authentication unauthenticated = UsernamePasswordAuthenticationToken.unauthenticated("erin", "pw");
			assertThat(authenticate(authenticator,
					request("/ws").mutate().principal(Mono.just(unauthenticated)).build()))
				.isNull();
		});
	}

	@Test
	void aReactiveJwtDecoderBecomesTheTokenVerifier() {
		ReactiveJwtDecoder decoder = (token) -> Mono.empty();
		this.contextRunner.withBean(ReactiveJwtDecoder.class, () -> decoder)
			.run((context) -> assertThat(context).getBean(TokenVerifier.class).isInstanceOf(JwtTokenVerifier.class));
	}

	@Test
	void theApplicationsTokenVerifierWinsOverItsJwtDecoder() {
		this.contextRunner.withBean(ReactiveJwtDecoder.class, () -> (token) -> Mono.empty())
			.withBean(TokenVerifier.class, () -> ALICE_ONLY)
			.run((context) -> assertThat(context).getBean(TokenVerifier.class).isSameAs(ALICE_ONLY));
	}

	@Test
	void withoutJwtSupportThereIsNoTokenVerifier() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveJwtDecoder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TokenVerifier.class)
				.hasSingleBean(RealtimeAuthenticator.class));
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(TokenVerifier.class));
	}

	@Test
	void roomRulesComeFromProperties() {
		this.contextRunner
			.withPropertyValues("realtime.security.room-rules[0].pattern=news:*",
					"realtime.security.room-rules[0].publish=nobody", "realtime.security.room-rules[1].pattern=*",
					"realtime.security.room-rules[1].subscribe=authenticated")
			.run((context) -> {
				RoomAuthorizer authorizer = context.getBean(RoomAuthorizer.class);
				RealtimePrincipal bob = RealtimePrincipal.user("bob");
				assertThat(authorizer.canSubscribe(RealtimePrincipal.anonymous(), "news:world")).isTrue();
				assertThat(authorizer.canPublish(bob, "news:world")).isFalse();
				assertThat(authorizer.canSubscribe(RealtimePrincipal.anonymous(), "chat")).isFalse();
				assertThat(authorizer.canPublish(bob, "chat")).isTrue();
				assertThat(authorizer.canSubscribe(bob, "user:bob")).isTrue();
				assertThat(authorizer.canSubscribe(bob, "user:alice")).isFalse();
			});
	}

	private static MockServerWebExchange request(String uri) {
		return MockServerWebExchange.from(MockServerHttpRequest.get(uri));
	}

	private static RealtimePrincipal authenticate(RealtimeAuthenticator authenticator, ServerWebExchange exchange) {
		return authenticator.authenticate(exchange).block();
	}

}
