package dev.realtime.autoconfigure.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.realtime.RealtimeHub;
import dev.realtime.security.ClientAddressLimits;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One client address flooding the node with handshakes, or hoarding connections: it gets 429
 * with {@code Retry-After}, whatever {@code X-Forwarded-For} it claims, while other addresses,
 * on other loopback addresses of this machine, are served. Without
 * {@code server.forward-headers-strategy}, the socket's address is the client's.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "realtime.limits.handshakes-per-second-per-address=5",
				"realtime.limits.handshake-burst-per-address=20", "realtime.limits.max-connections-per-address=8" })
class RealtimeClientAddressLimitsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Autowired
	LimitCounters counters;

	@Autowired
	ClientAddressLimits addressLimits;

	@Test
	void anAddressFloodingHandshakesGets429WithRetryAfterWhileOtherAddressesAreServed() throws Exception {
		InetAddress attacker = InetAddress.getByName("127.0.0.2");
		long refused = this.counters.count(LimitEvent.ADDRESS_HANDSHAKES_EXCEEDED);
		try (TestClient bystander = TestClient.connect(uri("bystander"));
				SseTestClient stream = SseTestClient.connect(sseUri("news"), null)) {
			bystander.subscribe("news");
			Flood flood = new Flood();
			for (int i = 0; i < 300; i++) {
				// WebSocket and SSE handshakes share the budget; refused ones spend it too.
				try (Handshake handshake = (i % 3 == 0) ? sse(attacker, "user=reject", "")
						: webSocket(attacker, "user=reject", "")) {
					flood.add(handshake.head());
				}
				if (i % 50 == 0) {
					assertServed(bystander, stream);
					// Plain HTTP from the same address is no handshake.
					assertThat(RawHttp.status(RawHttp.get(this.port, "/realtime/config", attacker, ""))).isEqualTo(200);
				}
			}
			flood.assertLimitedToTheBurstAndTheRate();
			assertThat(this.counters.count(LimitEvent.ADDRESS_HANDSHAKES_EXCEEDED)).isEqualTo(refused + flood.tooMany);
			try (Handshake newcomer = webSocket(InetAddress.getByName("127.0.0.3"), "user=newcomer", "")) {
				assertThat(RawHttp.status(newcomer.head())).isEqualTo(101);
			}
			try (Handshake reader = sse(InetAddress.getByName("127.0.0.4"), "user=reader", "")) {
				assertThat(RawHttp.status(reader.head())).isEqualTo(200);
			}
			assertServed(bystander, stream);
		}
	}

	@Test
	void anAddressClaimingOtherAddressesInForwardedHeadersIsStillOneAddress() throws Exception {
		InetAddress attacker = InetAddress.getByName("127.0.0.5");
		Flood flood = new Flood();
		for (int i = 0; i < 100; i++) {
			try (Handshake handshake = webSocket(attacker, "user=reject",
					"X-Forwarded-For: 198.51.100." + i + "\r\nForwarded: for=198.51.100." + i + "\r\n")) {
				flood.add(handshake.head());
			}
		}
		flood.assertLimitedToTheBurstAndTheRate();
	}

	@Test
	void anAddressHoardingConnectionsGets429WithRetryAfterUntilItClosesOne() throws Exception {
		InetAddress hoarder = InetAddress.getByName("127.0.0.6");
		long refused = this.counters.count(LimitEvent.ADDRESS_CONNECTIONS_EXCEEDED);
		List<Handshake> held = new ArrayList<>();
		try (TestClient bystander = TestClient.connect(uri("bystander"));
				SseTestClient stream = SseTestClient.connect(sseUri("news"), null)) {
			bystander.subscribe("news");
			for (int i = 0; i < 8; i++) {
				Handshake connection = (i % 2 == 0) ? webSocket(hoarder, "user=h" + i, "")
						: sse(hoarder, "user=h" + i, "");
				held.add(connection);
				assertThat(RawHttp.status(connection.head())).isIn(101, 200);
			}
			String refusedWebSocket = webSocket(hoarder, "user=one-more", "").head();
			assertThat(RawHttp.status(refusedWebSocket)).isEqualTo(429);
			assertThat(refusedWebSocket).containsIgnoringCase("Retry-After: 5\r\n");
			assertThat(RawHttp.status(sse(hoarder, "user=one-more", "").head())).isEqualTo(429);
			assertServed(bystander, stream);
			try (Handshake other = webSocket(InetAddress.getByName("127.0.0.7"), "user=other", "")) {
				assertThat(RawHttp.status(other.head())).isEqualTo(101);
			}
			held.remove(0).close();
			await().untilAsserted(() -> {
				Handshake again = webSocket(hoarder, "user=again", "");
				held.add(again);
				assertThat(RawHttp.status(again.head())).isEqualTo(101);
			});
		}
		finally {
			for (Handshake connection : held) {
				connection.close();
			}
		}
		assertThat(this.counters.count(LimitEvent.ADDRESS_CONNECTIONS_EXCEEDED)).isGreaterThanOrEqualTo(refused + 2);
		// Once they are all closed and their buckets full, nothing of these addresses is kept:
		// only the probe's own, and that of the bystanders' loopback address.
		await().pollInterval(Duration.ofMillis(500)).until(() -> {
			webSocket(InetAddress.getByName("127.0.0.8"), "user=reject", "").close();
			return this.addressLimits.addresses() <= 2;
		});
	}

	/** Sends a WebSocket upgrade from {@code from} and reads the response's head. */
	private Handshake webSocket(InetAddress from, String query, String extraHeaders) throws IOException {
		return handshake(from, "GET /realtime/ws?" + query + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
				+ "Sec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n");
	}

	/** Opens an event stream from {@code from} and reads the response's head. */
	private Handshake sse(InetAddress from, String query, String extraHeaders) throws IOException {
		return handshake(from, "GET /realtime/sse?room=news&" + query + " HTTP/1.1\r\nHost: localhost\r\n"
				+ "Accept: text/event-stream\r\n" + extraHeaders + "\r\n");
	}

	private Handshake handshake(InetAddress from, String request) throws IOException {
		Socket socket = RawHttp.connect(this.port, from);
		socket.setSoTimeout(10_000);
		RawHttp.send(socket, request);
		return new Handshake(socket, RawHttp.readHead(socket.getInputStream()));
	}

	private void assertServed(TestClient bystander, SseTestClient stream) throws Exception {
		assertThat(RawHttp.status(RawHttp.get(this.port, "/realtime/config"))).isEqualTo(200);
		Bystander.assertServed(this.hub, bystander, stream);
	}

	private URI uri(String user) {
		return URI.create("ws://localhost:" + this.port + "/realtime/ws?user=" + user);
	}

	private URI sseUri(String room) {
		return URI.create("http://localhost:" + this.port + "/realtime/sse?room=" + room + "&user=sse");
	}

	/** The answers to a flood of handshakes from one address, refused by authentication or for the rate. */
	static final class Flood {

		private final long start = System.nanoTime();

		int unauthorized;

		int tooMany;

		void add(String head) {
			if (RawHttp.status(head) == 429) {
				assertThat(head).containsIgnoringCase("Retry-After: 5\r\n");
				this.tooMany++;
			}
			else {
				assertThat(RawHttp.status(head)).isEqualTo(401);
				this.unauthorized++;
			}
		}

		/** Only the burst of 20 and 5 a second were let through to authentication. */
		void assertLimitedToTheBurstAndTheRate() {
			double seconds = (System.nanoTime() - this.start) / 1e9;
			assertThat(this.unauthorized).isBetween(20, 20 + (int) Math.ceil(5 * seconds));
			assertThat(this.tooMany).isPositive();
		}

	}

	/** A handshake's connection and the head of its response. */
	record Handshake(Socket socket, String head) implements AutoCloseable {

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
