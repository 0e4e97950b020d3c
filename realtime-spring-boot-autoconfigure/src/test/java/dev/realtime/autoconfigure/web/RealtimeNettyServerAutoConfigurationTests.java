package dev.realtime.autoconfigure.web;

import java.lang.management.ManagementFactory;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.realtime.RealtimeHub;
import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.autoconfigure.RealtimeProperties;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.OpenConnectionLimit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

class RealtimeNettyServerAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RealtimeAutoConfiguration.class, RealtimeNettyServerAutoConfiguration.class));

	@Test
	void guardsTheServer() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(OpenConnectionLimit.class);
			assertThat(context).getBean("realtimeNettyServerCustomizer")
				.isInstanceOf(RealtimeNettyServerCustomizer.class);
		});
	}

	@Test
	void guardsTheServerAlsoWhenTheApplicationHasItsOwnHub() {
		this.contextRunner.withBean(RealtimeHub.class, () -> org.mockito.Mockito.mock(RealtimeHub.class))
			.run((context) -> assertThat(context).hasSingleBean(OpenConnectionLimit.class)
				.hasBean("realtimeNettyServerCustomizer"));
	}

	@Test
	void keepsTheApplicationsOwnNettyServerCustomizers() {
		NettyServerCustomizer own = (server) -> server;
		this.contextRunner.withBean("ownCustomizer", NettyServerCustomizer.class, () -> own)
			.run((context) -> assertThat(context.getBeansOfType(NettyServerCustomizer.class))
				.containsOnlyKeys("ownCustomizer", "realtimeNettyServerCustomizer"));
	}

	@Test
	void backsOffFromTheBeansTheApplicationDeclares() {
		OpenConnectionLimit limit = new OpenConnectionLimit(1, new LimitCounters());
		NettyServerCustomizer customizer = (server) -> server;
		this.contextRunner.withBean(OpenConnectionLimit.class, () -> limit)
			.withBean("realtimeNettyServerCustomizer", NettyServerCustomizer.class, () -> customizer)
			.run((context) -> {
				assertThat(context).getBean(OpenConnectionLimit.class).isSameAs(limit);
				assertThat(context).getBean("realtimeNettyServerCustomizer").isSameAs(customizer);
			});
	}

	@Test
	void needsReactorNetty() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpServer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(OpenConnectionLimit.class)
				.doesNotHaveBean("realtimeNettyServerCustomizer"));
	}

	@Test
	void needsSpringBootsReactorNettyServer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(NettyServerCustomizer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(OpenConnectionLimit.class)
				.doesNotHaveBean("realtimeNettyServerCustomizer"));
	}

	@Test
	void needsAReactiveWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RealtimeAutoConfiguration.class, RealtimeNettyServerAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(OpenConnectionLimit.class)
				.doesNotHaveBean("realtimeNettyServerCustomizer"));
	}

	@Test
	void isOffWhenRealtimeIs() {
		this.contextRunner.withPropertyValues("realtime.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(OpenConnectionLimit.class)
				.doesNotHaveBean("realtimeNettyServerCustomizer"));
	}

	@Test
	void holdsAtMostNineTenthsOfTheOpenFileLimitUnlessConfigured() {
		RealtimeProperties.Limits limits = new RealtimeProperties().getLimits();
		long openFiles = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getMaxFileDescriptorCount();
		assertThat(RealtimeNettyServerAutoConfiguration.maxOpenConnections(limits))
			.isEqualTo((int) Math.min(Integer.MAX_VALUE, openFiles * 0.9));
		limits.setMaxOpenConnections(-1);
		assertThat(RealtimeNettyServerAutoConfiguration.maxOpenConnections(limits)).isEqualTo(-1);
		limits.setMaxOpenConnections(500);
		assertThat(RealtimeNettyServerAutoConfiguration.maxOpenConnections(limits)).isEqualTo(500);
	}

}
