package dev.realtime.autoconfigure.web;

import java.util.List;

import dev.realtime.RealtimeHub;
import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.autoconfigure.RealtimeProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.WebFilter;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class RealtimeApiAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RealtimeAutoConfiguration.class, RealtimeApiAutoConfiguration.class));

	@Test
	void isAbsentUnlessEnabled() {
		this.contextRunner.withPropertyValues("realtime.api.key=k")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("realtimeApiRoutes"));
		this.contextRunner.withPropertyValues("realtime.api.enabled=false", "realtime.api.key=k")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("realtimeApiRoutes"));
	}

	@Test
	void routesTheOperationsUnderTheConfiguredPathBehindTheKey() {
		this.contextRunner.withPropertyValues("realtime.api.enabled=true", "realtime.api.key=k", "realtime.api.path=/ops")
			.run((context) -> {
				WebTestClient client = client(context.getBean("realtimeApiRoutes"));
				client.post().uri("/ops/info").header("X-API-Key", "k").exchange().expectStatus().isOk();
				client.post().uri("/ops/info").exchange().expectStatus().isUnauthorized();
				client.get()
					.uri("/ops/openapi.json")
					.exchange()
					.expectStatus()
					.isOk()
					.expectBody()
					.jsonPath("$.servers[0].url")
					.isEqualTo("/ops");
				client.post().uri("/realtime/api/info").header("X-API-Key", "k").exchange().expectStatus().isNotFound();
			});
	}

	@Test
	void failsToStartWhenEnabledWithoutAKeyOrSpringSecurity() {
		// Spring Security on the class path is not enough: its filter chain must be there.
		this.contextRunner.withPropertyValues("realtime.api.enabled=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("realtime.api.enabled=true needs a key: set realtime.api.key")
				.hasMessageContaining("Spring Security");
		});
		this.contextRunner.withPropertyValues("realtime.api.enabled=true", "realtime.api.key= ")
			.run((context) -> assertThat(context).hasFailed());
		this.contextRunner.withPropertyValues("realtime.api.enabled=true")
			.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("needs a key"));
	}

	@Test
	void leavesTheApiToSpringSecurityWhenItsFilterChainIsThereAndNoKeyIsSet() {
		this.contextRunner.withPropertyValues("realtime.api.enabled=true")
			.withBean(SecurityWebFilterChain.class, RealtimeApiAutoConfigurationTests::securityChain)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("realtimeApiRoutes");
				client(context.getBean("realtimeApiRoutes")).post()
					.uri("/realtime/api/info")
					.exchange()
					.expectStatus()
					.isOk();
			});
	}

	@Test
	void checksAKeySetBesidesSpringSecurity() {
		this.contextRunner.withPropertyValues("realtime.api.enabled=true", "realtime.api.key=k")
			.withBean(SecurityWebFilterChain.class, RealtimeApiAutoConfigurationTests::securityChain)
			.run((context) -> client(context.getBean("realtimeApiRoutes")).post()
				.uri("/realtime/api/info")
				.exchange()
				.expectStatus()
				.isUnauthorized());
	}

	@Test
	void backsOffFromRoutesOfTheSameName() {
		RouterFunction<ServerResponse> own = RouterFunctions.route()
			.GET("/own", (request) -> ServerResponse.ok().build())
			.build();
		this.contextRunner.withPropertyValues("realtime.api.enabled=true")
			.withBean("realtimeApiRoutes", RouterFunction.class, () -> own)
			.run((context) -> assertThat(context).hasNotFailed().getBean("realtimeApiRoutes").isSameAs(own));
	}

	@Test
	void servesAnApplicationsOwnHubToo() {
		this.contextRunner.withPropertyValues("realtime.api.enabled=true", "realtime.api.key=k")
			.withBean(RealtimeHub.class, () -> mock(RealtimeHub.class))
			.run((context) -> assertThat(context).hasBean("realtimeApiRoutes"));
	}

	@Test
	void isOffWhenRealtimeIsOrOutsideAReactiveWebApplication() {
		this.contextRunner.withPropertyValues("realtime.enabled=false", "realtime.api.enabled=true", "realtime.api.key=k")
			.run((context) -> assertThat(context).doesNotHaveBean("realtimeApiRoutes"));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RealtimeAutoConfiguration.class, RealtimeApiAutoConfiguration.class))
			.withPropertyValues("realtime.api.enabled=true", "realtime.api.key=k")
			.run((context) -> assertThat(context).doesNotHaveBean("realtimeApiRoutes"));
		this.contextRunner.withPropertyValues("realtime.api.enabled=true", "realtime.api.key=k")
			.withClassLoader(new FilteredClassLoader(RouterFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean("realtimeApiRoutes"));
	}

	@Test
	void defaultsMatchTheDocumentedOnes() {
		RealtimeProperties.Api api = new RealtimeProperties().getApi();
		assertThat(api.isEnabled()).isFalse();
		assertThat(api.getPath()).isEqualTo("/realtime/api");
		assertThat(api.getKey()).isNull();
		assertThat(api.getMaxBodySize()).isEqualTo(DataSize.ofKilobytes(64));
	}

	/** A filter chain that lets everything through: what matters is that there is one. */
	private static SecurityWebFilterChain securityChain() {
		WebFilter passThrough = (exchange, chain) -> chain.filter(exchange);
		return new MatcherSecurityWebFilterChain(ServerWebExchangeMatchers.anyExchange(), List.of(passThrough));
	}

	@SuppressWarnings("unchecked")
	private static WebTestClient client(Object routes) {
		return WebTestClient.bindToRouterFunction((RouterFunction<ServerResponse>) routes).build();
	}

}
