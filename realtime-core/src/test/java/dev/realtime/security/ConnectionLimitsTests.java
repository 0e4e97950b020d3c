package dev.realtime.security;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConnectionLimitsTests {

	private final LimitCounters counters = new LimitCounters();

	@Test
	void refusesPastTheTotalWith503AndPastTheUsersWith429AndTakesReleasedPlacesBack() {
		ConnectionLimits limits = new ConnectionLimits(3, 2, this.counters);
		ConnectionPermit a1 = limits.acquire("a");
		limits.acquire("a");
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> limits.acquire("a"))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS));
		ConnectionPermit anonymous = limits.acquire(null);
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> limits.acquire("b"))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
		assertThat(limits.connections()).isEqualTo(3);
		a1.release();
		a1.release();
		assertThat(limits.connections()).as("releasing twice gives one place back").isEqualTo(2);
		anonymous.release();
		limits.acquire("a");
		limits.acquire("b");
		assertThat(this.counters.count(LimitEvent.USER_CONNECTIONS_EXCEEDED)).isEqualTo(1);
		assertThat(this.counters.count(LimitEvent.CONNECTIONS_EXCEEDED)).isEqualTo(1);
	}

	@Test
	void negativeLimitsAreNoLimits() {
		ConnectionLimits limits = new ConnectionLimits(-1, -1, this.counters);
		for (int i = 0; i < 1000; i++) {
			limits.acquire("same");
		}
		assertThat(limits.connections()).isEqualTo(1000);
	}

}
