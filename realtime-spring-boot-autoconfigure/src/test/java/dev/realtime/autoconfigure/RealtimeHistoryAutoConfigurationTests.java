package dev.realtime.autoconfigure;

import java.time.Duration;

import dev.realtime.broker.Broker;
import dev.realtime.broker.HistoryLimits;
import dev.realtime.broker.LocalBroker;
import dev.realtime.autoconfigure.web.DelayedSubscriptionBroker;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class RealtimeHistoryAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RealtimeAutoConfiguration.class, RealtimeHistoryAutoConfiguration.class));

	@Test
	void evictsTheInMemoryBrokersHistory() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(HistoryEviction.class));
	}

	@Test
	void evictsTheHistoryOfAnInMemoryBrokerTheApplicationDeclares() {
		this.contextRunner.withBean(LocalBroker.class, () -> new LocalBroker(HistoryLimits.of(1, Duration.ofSeconds(1))))
			.run((context) -> assertThat(context).hasSingleBean(HistoryEviction.class));
	}

	@Test
	void leavesAnotherBrokerAlone() {
		this.contextRunner
			.withBean(Broker.class,
					() -> new DelayedSubscriptionBroker(HistoryLimits.of(1, Duration.ofSeconds(1)), Duration.ZERO))
			.run((context) -> assertThat(context).doesNotHaveBean(HistoryEviction.class));
	}

	@Test
	void isOffWhenRealtimeIs() {
		this.contextRunner.withPropertyValues("realtime.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HistoryEviction.class));
	}

}
