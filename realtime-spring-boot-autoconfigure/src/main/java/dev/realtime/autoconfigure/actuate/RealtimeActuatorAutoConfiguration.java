package dev.realtime.autoconfigure.actuate;

import dev.realtime.autoconfigure.RealtimeAutoConfiguration;
import dev.realtime.hub.DefaultRealtimeHub;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code realtime} actuator endpoint and of the broker's health
 * indicator (health component {@code realtime}), each when its actuator module is present.
 */
@AutoConfiguration(after = RealtimeAutoConfiguration.class)
@ConditionalOnBean(DefaultRealtimeHub.class)
public final class RealtimeActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	@ConditionalOnAvailableEndpoint(RealtimeHubEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RealtimeHubEndpoint realtimeHubEndpoint(DefaultRealtimeHub hub) {
			return new RealtimeHubEndpoint(hub);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveHealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("realtime")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "realtimeHealthIndicator")
		RealtimeBrokerHealthIndicator realtimeHealthIndicator(DefaultRealtimeHub hub) {
			return new RealtimeBrokerHealthIndicator(hub);
		}

	}

}
