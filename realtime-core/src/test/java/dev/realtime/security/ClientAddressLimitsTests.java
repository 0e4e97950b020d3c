package dev.realtime.security;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ClientAddressLimitsTests {

	private final LimitCounters counters = new LimitCounters();

	private long now;

	/** 10 handshakes a second, 5 at once, 2 connections; on a clock the test moves. */
	private final ClientAddressLimits limits = new ClientAddressLimits(10, 5, 2, this.counters, () -> this.now);

	@Test
	void admitsABurstThenHandshakesAtTheRate() {
		InetSocketAddress client = address("192.0.2.1");
		for (int i = 0; i < 5; i++) {
			this.limits.admitHandshake(client);
		}
		assertTooManyHandshakes(client);
		elapse(99);
		assertTooManyHandshakes(client);
		elapse(1);
		this.limits.admitHandshake(client);
		assertTooManyHandshakes(client);
		assertThat(this.counters.count(LimitEvent.ADDRESS_HANDSHAKES_EXCEEDED)).isEqualTo(3);
	}

	@Test
	void countsEachAddressOnItsOwnAndIpv6ByItsSlash64() {
		for (int i = 0; i < 5; i++) {
			this.limits.admitHandshake(address("2001:db8:1:2::" + Integer.toHexString(i + 1)));
		}
		assertTooManyHandshakes(address("2001:db8:1:2:ffff:ffff:ffff:ffff"));
		assertThatNoException().isThrownBy(() -> this.limits.admitHandshake(address("2001:db8:1:3::1")));
		assertThatNoException().isThrownBy(() -> this.limits.admitHandshake(address("192.0.2.1")));
	}

	@Test
	void limitsTheConnectionsOfAnAddressUntilOneIsReleased() {
		InetSocketAddress client = address("192.0.2.1");
		ConnectionPermit first = this.limits.acquire(client);
		this.limits.acquire(client);
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> this.limits.acquire(client))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
				assertThat(ex.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
			});
		assertThatNoException().isThrownBy(() -> this.limits.acquire(address("192.0.2.2")));
		first.release();
		first.release();
		this.limits.acquire(client);
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> this.limits.acquire(client));
		assertThat(this.counters.count(LimitEvent.ADDRESS_CONNECTIONS_EXCEEDED)).isEqualTo(2);
	}

	@Test
	void forgetsIdleAddressesSoThatMemoryStaysBounded() {
		List<ConnectionPermit> held = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			InetSocketAddress client = address("10.0." + (i / 256) + "." + (i % 256));
			this.limits.admitHandshake(client);
			if (i < 10) {
				held.add(this.limits.acquire(client));
			}
		}
		assertThat(this.limits.addresses()).isEqualTo(10_000);
		// A bucket refills 5 handshakes in half a second; the sweep looks at most once a second.
		elapse(1000);
		this.limits.admitHandshake(address("192.0.2.1"));
		assertThat(this.limits.addresses()).isEqualTo(10 + 1);
		held.forEach(ConnectionPermit::release);
		assertThat(this.limits.addresses()).isEqualTo(1);
	}

	@Test
	void keepsAnAddressWhileItsBucketRefills() {
		InetSocketAddress client = address("192.0.2.1");
		elapse(900);
		for (int i = 0; i < 5; i++) {
			this.limits.admitHandshake(client);
		}
		elapse(100);
		this.limits.admitHandshake(address("192.0.2.2"));
		assertThat(this.limits.addresses()).isEqualTo(2);
		// Forgotten before it refilled, it would have had a whole burst again.
		this.limits.admitHandshake(client);
		assertTooManyHandshakes(client);
	}

	@Test
	void countsAnUnresolvedIpAddressAsTheAddressItIs() {
		for (int i = 0; i < 5; i++) {
			this.limits.admitHandshake(InetSocketAddress.createUnresolved("2001:db8:1:2::" + (i + 1), 0));
		}
		assertTooManyHandshakes(address("2001:db8:1:2::99"));
	}

	@Test
	void countsAnUnresolvedAddressByItsText() {
		InetSocketAddress client = InetSocketAddress.createUnresolved("unknown", 0);
		for (int i = 0; i < 5; i++) {
			this.limits.admitHandshake(client);
		}
		assertTooManyHandshakes(InetSocketAddress.createUnresolved("unknown", 1));
	}

	@Test
	void doesNotLimitARequestWithoutAnAddress() {
		for (int i = 0; i < 100; i++) {
			this.limits.admitHandshake(null);
			this.limits.acquire(null);
		}
		assertThat(this.limits.addresses()).isZero();
	}

	@Test
	void hasNoLimitsWhenTheyAreOff() {
		ClientAddressLimits off = new ClientAddressLimits(0, 5, -1, this.counters, () -> this.now);
		InetSocketAddress client = address("192.0.2.1");
		for (int i = 0; i < 1000; i++) {
			off.admitHandshake(client);
			off.acquire(client);
		}
		assertThat(off.addresses()).isZero();
	}

	private void assertTooManyHandshakes(InetSocketAddress client) {
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> this.limits.admitHandshake(client))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
				assertThat(ex.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
			});
	}

	private void elapse(long millis) {
		this.now += TimeUnit.MILLISECONDS.toNanos(millis);
	}

	@Test
	void limitsOfARateForOtherRequestsAdmitTheBurstThenCountRefusalsAsTheirOwnEvent() {
		LimitCounters counters = new LimitCounters();
		ClientAddressLimits limits = ClientAddressLimits.ofRate(1, 2, LimitEvent.ANALYTICS_RATE_LIMITED, counters);
		assertThat(limits.tryAdmit(address("10.0.0.1"))).isTrue();
		assertThat(limits.tryAdmit(address("10.0.0.1"))).isTrue();
		assertThat(limits.tryAdmit(address("10.0.0.1"))).isFalse();
		assertThat(limits.tryAdmit(address("10.0.0.2"))).isTrue();
		assertThat(limits.tryAdmit(null)).isTrue();
		assertThat(counters.count(LimitEvent.ANALYTICS_RATE_LIMITED)).isEqualTo(1);
		assertThat(counters.count(LimitEvent.ADDRESS_HANDSHAKES_EXCEEDED)).isZero();
	}

	private static InetSocketAddress address(String ip) {
		return new InetSocketAddress(ip, 40000);
	}

}
