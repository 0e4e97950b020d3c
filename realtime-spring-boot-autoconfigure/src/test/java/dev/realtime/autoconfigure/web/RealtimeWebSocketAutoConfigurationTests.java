package dev.realtime.autoconfigure.web;

import java.util.Map;

import dev.realtime.RealtimeEndpoint;
import dev.realtime.RealtimeHandler;
import dev.realtime.RealtimeHub;
import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.protocol.ProtocolHandler;
import dev.realtime.websocket.RealtimeWebSocketEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class RealtimeWebSocketAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RealtimeAutoConfiguration.class, RealtimeWebSocketAutoConfiguration.class));

	@Test
	void mapsTheProtocolEndpointAtTheConfiguredPath() {
		this.contextRunner.withPropertyValues("realtime.websocket.path=/live").run((context) -> {
			assertThat(context).getBean(RealtimeHandler.class).isInstanceOf(ProtocolHandler.class);
			assertThat(context).hasBean("realtimeWebSocketHeartbeat");
			Map<String, ?> urlMap = context.getBean("realtimeWebSocketHandlerMapping", SimpleUrlHandlerMapping.class)
				.getUrlMap();
			assertThat(urlMap).containsOnlyKeys("/live");
			assertThat(urlMap.get("/live")).isInstanceOf(RealtimeWebSocketEndpoint.class);
		});
	}

	@Test
	void mapsEveryRealtimeEndpointBean() {
		this.contextRunner
			.withBean("echo", RealtimeEndpoint.class,
					() -> new RealtimeEndpoint("/echo", (connection, message) -> Mono.empty()))
			.run((context) -> assertThat(
					context.getBean("realtimeWebSocketHandlerMapping", SimpleUrlHandlerMapping.class).getUrlMap())
				.containsOnlyKeys("/realtime/ws", "/echo"));
	}

	@Test
	void backsOffFromTheHandlerAndHeartbeatTheApplicationDeclares() {
		RealtimeHandler custom = (connection, message) -> Mono.empty();
		this.contextRunner.withBean(RealtimeHandler.class, () -> custom).run((context) -> {
			assertThat(context).getBean(RealtimeHandler.class).isSameAs(custom);
		});
	}

	@Test
	void needsNeitherSpringSecurityNorJwtSupport() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader(org.springframework.security.core.Authentication.class,
					org.springframework.security.oauth2.jwt.ReactiveJwtDecoder.class))
			.run((context) -> assertThat(context).hasBean("realtimeWebSocketHandlerMapping")
				.hasSingleBean(dev.realtime.security.HandshakeGuard.class));
	}

	@Test
	void needsReactorNetty() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpServer.class))
			.run((context) -> assertThat(context).doesNotHaveBean("realtimeWebSocketHeartbeat")
				.doesNotHaveBean("realtimeWebSocketHandlerMapping"));
	}

	@Test
	void needsAReactiveWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RealtimeAutoConfiguration.class, RealtimeWebSocketAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("realtimeWebSocketHeartbeat"));
	}

	@Test
	void needsTheDefaultHub() {
		this.contextRunner.withPropertyValues("realtime.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("realtimeWebSocketHandlerMapping"));
	}

	@Test
	void isOffWithAHubOfTheApplicationsOwnAsDocumented() {
		// The endpoints need the starter's DefaultRealtimeHub, which backs off from this one.
		this.contextRunner.withBean(RealtimeHub.class, () -> mock(RealtimeHub.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(DefaultRealtimeHub.class);
			assertThat(context).doesNotHaveBean("realtimeWebSocketHandlerMapping");
			assertThat(context).doesNotHaveBean("realtimeWebSocketHeartbeat");
		});
	}

}
