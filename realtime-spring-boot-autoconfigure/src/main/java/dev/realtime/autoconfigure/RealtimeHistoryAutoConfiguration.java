package dev.realtime.autoconfigure;

import dev.realtime.history.InMemoryHistoryStore;
import dev.realtime.hub.DefaultRealtimeHub;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the eviction of idle rooms from the in-memory history, when that is the
 * history in use.
 */
@AutoConfiguration(after = RealtimeAutoConfiguration.class)
@ConditionalOnBean({ InMemoryHistoryStore.class, DefaultRealtimeHub.class })
public final class RealtimeHistoryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HistoryEviction realtimeHistoryEviction(InMemoryHistoryStore history, DefaultRealtimeHub hub,
			RealtimeProperties properties) {
		return new HistoryEviction(history, hub, properties.getHistory().getTtl());
	}

}
