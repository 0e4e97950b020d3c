package dev.realtime.autoconfigure.metrics;

import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.security.LimitCounters;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of realtime's Micrometer meters, when the application has a
 * {@link MeterRegistry}. They then show up in {@code /actuator/metrics} and, with the
 * Prometheus registry, as {@code realtime_*} series on {@code /actuator/prometheus}.
 */
@AutoConfiguration(after = RealtimeAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, DefaultRealtimeHub.class, LimitCounters.class })
public final class RealtimeMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(RealtimeMetrics.class)
	MicrometerRealtimeMetrics realtimeMetrics(MeterRegistry registry) {
		return new MicrometerRealtimeMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	RealtimeHubMeterBinder realtimeHubMeterBinder(DefaultRealtimeHub hub, LimitCounters limits) {
		return new RealtimeHubMeterBinder(hub, limits);
	}

}
