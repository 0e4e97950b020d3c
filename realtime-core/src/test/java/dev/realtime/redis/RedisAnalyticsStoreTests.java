package dev.realtime.redis;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import dev.realtime.analytics.AnalyticsStore;
import dev.realtime.analytics.AnalyticsStoreContractTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics store contract against a real Redis, and what only a shared store does: two
 * nodes count into the same numbers, and only one of them claims each slot.
 */
class RedisAnalyticsStoreTests extends AnalyticsStoreContractTests {

	@RegisterExtension
	static final RedisExtension redis = new RedisExtension();

	@Override
	protected AnalyticsStore store(Duration activeWindow, int maxEventTypes) {
		return node(RedisExtension.prefix(), activeWindow, maxEventTypes, "n1");
	}

	@Test
	void twoNodesCountIntoTheSameNumbersAndOneClaimsEachSlot() {
		String prefix = RedisExtension.prefix();
		AnalyticsStore one = node(prefix, Duration.ofMinutes(5), 100, "n1");
		AnalyticsStore two = node(prefix, Duration.ofMinutes(5), 100, "n2");
		LocalDate day = LocalDate.of(2025, 3, 14);
		Instant noon = Instant.parse("2025-03-14T12:00:00Z");
		one.record(day, "page_view", "alice", noon).block();
		two.record(day, "page_view", "alice", noon).block();
		two.record(day, "signup", "bob", noon).block();
		assertThat(one.snapshot(day, noon).block()).isEqualTo(two.snapshot(day, noon).block());
		assertThat(one.snapshot(day, noon).block().pageViews()).isEqualTo(2);
		assertThat(two.snapshot(day, noon).block().uniqueVisitors()).isEqualTo(2);
		assertThat(one.claim(1, Duration.ofSeconds(10)).block()).isTrue();
		assertThat(two.claim(1, Duration.ofSeconds(10)).block()).isFalse();
		assertThat(two.claim(2, Duration.ofSeconds(10)).block()).isTrue();
	}

	private static AnalyticsStore node(String prefix, Duration window, int maxTypes, String node) {
		return new RedisAnalyticsStore(redis.connections(), prefix, window, maxTypes, Duration.ofSeconds(5));
	}

}
