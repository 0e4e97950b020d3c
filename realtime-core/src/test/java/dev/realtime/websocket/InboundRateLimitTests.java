package dev.realtime.websocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InboundRateLimitTests {

	@Test
	void aBurstIsAcceptedThenAsManyRejectedThenTheClientIsToBeClosed() {
		// A rate so low that no token comes back while the test runs.
		InboundRateLimit limit = new InboundRateLimit(1, 5);
		for (int i = 0; i < 5; i++) {
			assertThat(limit.take()).isEqualTo(InboundRateLimit.Outcome.ACCEPT);
		}
		for (int i = 0; i < 5; i++) {
			assertThat(limit.take()).isEqualTo(InboundRateLimit.Outcome.REJECT);
		}
		assertThat(limit.take()).isEqualTo(InboundRateLimit.Outcome.CLOSE);
	}

	@Test
	void tokensComeBackAtTheRate() throws InterruptedException {
		InboundRateLimit limit = new InboundRateLimit(1000, 1);
		assertThat(limit.take()).isEqualTo(InboundRateLimit.Outcome.ACCEPT);
		assertThat(limit.take()).isEqualTo(InboundRateLimit.Outcome.REJECT);
		Thread.sleep(20);
		assertThat(limit.take()).isEqualTo(InboundRateLimit.Outcome.ACCEPT);
	}

}
