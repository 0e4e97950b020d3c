package dev.realtime.security;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenConnectionLimitTests {

	private final LimitCounters counters = new LimitCounters();

	@Test
	void closesAConnectionBeyondTheLimitAtOnceAndCountsIt() {
		OpenConnectionLimit limit = new OpenConnectionLimit(2, this.counters);
		EmbeddedChannel first = new EmbeddedChannel();
		EmbeddedChannel second = new EmbeddedChannel();
		EmbeddedChannel third = new EmbeddedChannel();
		assertThat(limit.admit(first)).isTrue();
		assertThat(limit.admit(second)).isTrue();
		assertThat(limit.admit(third)).isFalse();
		assertThat(third.isOpen()).isFalse();
		assertThat(first.isOpen()).isTrue();
		assertThat(limit.open()).isEqualTo(2);
		assertThat(this.counters.count(LimitEvent.OPEN_CONNECTIONS_EXCEEDED)).isEqualTo(1);
	}

	@Test
	void givesThePlaceOfAClosedConnectionBack() {
		OpenConnectionLimit limit = new OpenConnectionLimit(1, this.counters);
		EmbeddedChannel first = new EmbeddedChannel();
		assertThat(limit.admit(first)).isTrue();
		first.close();
		assertThat(limit.open()).isZero();
		assertThat(limit.admit(new EmbeddedChannel())).isTrue();
		assertThat(this.counters.count(LimitEvent.OPEN_CONNECTIONS_EXCEEDED)).isZero();
	}

	@Test
	void hasNoLimitWhenNegative() {
		OpenConnectionLimit limit = new OpenConnectionLimit(-1, this.counters);
		for (int i = 0; i < 100; i++) {
			assertThat(limit.admit(new EmbeddedChannel())).isTrue();
		}
		assertThat(limit.open()).isEqualTo(100);
	}

}
