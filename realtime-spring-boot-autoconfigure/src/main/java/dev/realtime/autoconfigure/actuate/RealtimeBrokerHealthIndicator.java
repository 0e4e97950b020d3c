package dev.realtime.autoconfigure.actuate;

import dev.realtime.hub.DefaultRealtimeHub;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/**
 * Health of the broker that carries publications between nodes: up when it answers a ping,
 * with the node's id, broker and connection count as details.
 */
public class RealtimeBrokerHealthIndicator extends AbstractReactiveHealthIndicator {

	private final DefaultRealtimeHub hub;

	public RealtimeBrokerHealthIndicator(DefaultRealtimeHub hub) {
		super("Realtime broker health check failed");
		this.hub = hub;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		return this.hub.broker()
			.ping()
			.then(Mono.fromSupplier(() -> builder.up()
				.withDetail("broker", this.hub.broker().getClass().getSimpleName())
				.withDetail("node", this.hub.nodeId())
				.withDetail("connections", this.hub.connectionCount())
				.build()));
	}

}
