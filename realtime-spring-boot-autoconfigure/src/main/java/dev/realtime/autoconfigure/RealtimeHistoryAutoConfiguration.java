package dev.realtime.autoconfigure;

import dev.realtime.broker.LocalBroker;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the eviction of idle rooms from the in-memory broker's history, when
 * that is the broker in use.
 */
@AutoConfiguration(after = RealtimeAutoConfiguration.class)
@ConditionalOnBean(LocalBroker.class)
public final class RealtimeHistoryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HistoryEviction realtimeHistoryEviction(LocalBroker broker, RealtimeProperties properties) {
		return new HistoryEviction(broker, properties.getHistory().getTtl());
	}

}
