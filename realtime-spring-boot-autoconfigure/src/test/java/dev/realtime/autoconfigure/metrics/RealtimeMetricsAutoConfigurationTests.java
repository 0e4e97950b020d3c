package dev.realtime.autoconfigure.metrics;

import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.metrics.RealtimeMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class RealtimeMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RealtimeAutoConfiguration.class, RealtimeMetricsAutoConfiguration.class));

	@Test
	void reportsToTheMeterRegistryAndTheHubUsesIt() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasSingleBean(MicrometerRealtimeMetrics.class).hasSingleBean(RealtimeHubMeterBinder.class);
			assertThat(context.getBean(DefaultRealtimeHub.class).metrics())
				.isSameAs(context.getBean(RealtimeMetrics.class));
			assertThat(context.getBean(MeterRegistry.class).find("realtime.connections").gauges()).hasSize(2);
		});
	}

	@Test
	void needsAMeterRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(RealtimeMetrics.class);
			assertThat(context.getBean(DefaultRealtimeHub.class).metrics()).isSameAs(RealtimeMetrics.NONE);
		});
	}

	@Test
	void needsMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RealtimeHubMeterBinder.class));
	}

	@Test
	void backsOffFromTheApplicationsMetrics() {
		RealtimeMetrics own = new RealtimeMetrics() {
		};
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(RealtimeMetrics.class, () -> own)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(MicrometerRealtimeMetrics.class);
				assertThat(context.getBean(DefaultRealtimeHub.class).metrics()).isSameAs(own);
			});
	}

}
