package dev.realtime.autoconfigure.web;

import java.time.Duration;

import dev.realtime.RealtimeHub;
import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.autoconfigure.RealtimeProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class RealtimeClientAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RealtimeAutoConfiguration.class, RealtimeClientAutoConfiguration.class));

	@Test
	void routesTheScriptAndTheConfigurationUnderTheConfiguredPath() {
		this.contextRunner
			.withPropertyValues("realtime.client.path=/rt", "realtime.client.initial-backoff=250ms",
					"realtime.client.max-backoff=5s", "realtime.websocket.path=/socket")
			.run((context) -> {
				WebTestClient client = WebTestClient.bindToRouterFunction(routes(context.getBean("realtimeClientRoutes")))
					.build();
				client.get().uri("/rt/client.js").exchange().expectStatus().isOk();
				client.get()
					.uri("http://example.org/rt/config")
					.exchange()
					.expectStatus()
					.isOk()
					.expectBody()
					.jsonPath("$.websocket.url")
					.isEqualTo("ws://example.org/socket")
					.jsonPath("$.reconnect.initialBackoff")
					.isEqualTo(250)
					.jsonPath("$.reconnect.maxBackoff")
					.isEqualTo(5000);
				client.get().uri("/realtime/client.js").exchange().expectStatus().isNotFound();
			});
	}

	@Test
	void backsOffFromRoutesOfTheSameName() {
		RouterFunction<ServerResponse> own = RouterFunctions.route().GET("/own", (request) -> ServerResponse.ok().build()).build();
		this.contextRunner.withBean("realtimeClientRoutes", RouterFunction.class, () -> own)
			.run((context) -> assertThat(context.getBean("realtimeClientRoutes")).isSameAs(own));
	}

	@Test
	void isOffWhenDisabledOrWhenRealtimeIs() {
		this.contextRunner.withPropertyValues("realtime.client.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("realtimeClientRoutes"));
		this.contextRunner.withPropertyValues("realtime.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("realtimeClientRoutes"));
	}

	@Test
	void needsAReactiveWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RealtimeAutoConfiguration.class, RealtimeClientAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("realtimeClientRoutes"));
	}

	@Test
	void servesTheApplicationsOwnHubToo() {
		this.contextRunner.withBean(RealtimeHub.class, () -> mock(RealtimeHub.class))
			.run((context) -> assertThat(context).hasBean("realtimeClientRoutes"));
	}

	@Test
	void defaultsMatchTheDocumentedOnes() {
		RealtimeProperties.Client client = new RealtimeProperties().getClient();
		assertThat(client.isEnabled()).isTrue();
		assertThat(client.getPath()).isEqualTo("/realtime");
		assertThat(client.getInitialBackoff()).isEqualTo(Duration.ofSeconds(1));
		assertThat(client.getMaxBackoff()).isEqualTo(Duration.ofSeconds(30));
	}

	@SuppressWarnings("unchecked")
	private static RouterFunction<ServerResponse> routes(Object bean) {
		return (RouterFunction<ServerResponse>) bean;
	}

}
