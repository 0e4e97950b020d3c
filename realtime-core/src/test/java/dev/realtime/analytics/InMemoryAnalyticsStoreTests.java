package dev.realtime.analytics;

import java.time.Duration;

/**
 * The analytics store contract in memory.
 */
class InMemoryAnalyticsStoreTests extends AnalyticsStoreContractTests {

	@Override
	protected AnalyticsStore store(Duration activeWindow, int maxEventTypes) {
		return new InMemoryAnalyticsStore(activeWindow, maxEventTypes);
	}

}
