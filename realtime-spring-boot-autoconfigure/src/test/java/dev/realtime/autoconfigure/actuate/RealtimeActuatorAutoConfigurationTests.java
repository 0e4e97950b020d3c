package dev.realtime.autoconfigure.actuate;

import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class RealtimeActuatorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RealtimeAutoConfiguration.class, RealtimeActuatorAutoConfiguration.class));

	@Test
	void definesTheEndpointWhenExposedAndTheHealthIndicator() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=realtime")
			.run((context) -> assertThat(context).hasSingleBean(RealtimeHubEndpoint.class)
				.hasBean("realtimeHealthIndicator"));
	}

	@Test
	void leavesTheEndpointOutWhenItIsNotExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(RealtimeHubEndpoint.class));
	}

	@Test
	void leavesTheHealthIndicatorOutWhenDisabledOrMissing() {
		this.contextRunner.withPropertyValues("management.health.realtime.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("realtimeHealthIndicator"));
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveHealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean("realtimeHealthIndicator"));
	}

	@Test
	void needsTheActuator() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=realtime")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RealtimeHubEndpoint.class));
	}

	@Test
	void isOffWhenRealtimeIs() {
		this.contextRunner.withPropertyValues("realtime.enabled=false", "management.endpoints.web.exposure.include=*")
			.run((context) -> assertThat(context).doesNotHaveBean(RealtimeHubEndpoint.class)
				.doesNotHaveBean("realtimeHealthIndicator"));
	}

}
