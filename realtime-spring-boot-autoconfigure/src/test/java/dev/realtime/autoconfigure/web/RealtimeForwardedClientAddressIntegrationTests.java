package dev.realtime.autoconfigure.web;

import java.io.IOException;
import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a proxy the application trusts ({@code server.forward-headers-strategy}), every client
 * comes from the proxy's address, and the client address limits count the forwarded one.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.forward-headers-strategy=native", "realtime.limits.handshakes-per-second-per-address=1",
				"realtime.limits.handshake-burst-per-address=10" })
class RealtimeForwardedClientAddressIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void countsEachForwardedClientOnItsOwnAndIpv6ClientsByTheirSlash64() throws Exception {
		for (int i = 0; i < 10; i++) {
			assertThat(handshake("203.0.113.1")).isEqualTo(401);
		}
		assertThat(handshake("203.0.113.1")).isEqualTo(429);
		assertThat(handshake("203.0.113.2")).isEqualTo(401);
		for (int i = 0; i < 10; i++) {
			assertThat(handshake("[2001:db8:1:2::" + (i + 1) + "]")).isEqualTo(401);
		}
		assertThat(handshake("[2001:db8:1:2::ff]")).isEqualTo(429);
		assertThat(handshake("[2001:db8:1:3::1]")).isEqualTo(401);
	}

	/** The status of a refused WebSocket handshake of a client the proxy says is {@code client}. */
	private int handshake(String client) throws IOException {
		return RawHttp.status(RawHttp.get(this.port, "/realtime/ws?user=reject", InetAddress.getLoopbackAddress(),
				"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
						+ "X-Forwarded-For: " + client + "\r\n"));
	}

}
