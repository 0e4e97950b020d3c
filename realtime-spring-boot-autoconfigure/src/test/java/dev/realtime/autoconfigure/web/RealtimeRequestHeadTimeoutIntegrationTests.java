package dev.realtime.autoconfigure.web;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.realtime.RealtimeHub;
import dev.realtime.RealtimePrincipal;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import dev.realtime.security.RealtimeAuthenticator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that open connections and never finish their requests: each is closed at its
 * deadline, however it trickles, while everyone else is served.
 */
@SpringBootTest(classes = { TestApplication.class, RealtimeRequestHeadTimeoutIntegrationTests.StallingAuthenticator.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "realtime.limits.request-head-timeout=1s", "realtime.limits.keep-alive-timeout=2s" })
class RealtimeRequestHeadTimeoutIntegrationTests {

	private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(1);

	/** What a loaded machine may add to a deadline before the close is seen. */
	private static final Duration SLACK = Duration.ofSeconds(3);

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Autowired
	LimitCounters counters;

	@Test
	void connectionsThatSendHalfARequestHeadOrNothingAreClosedAtTheDeadlineWhileOthersAreServed() throws Exception {
		long timedOut = this.counters.count(LimitEvent.REQUEST_HEAD_TIMED_OUT);
		try (TestClient bystander = TestClient.connect(uri("bystander"));
				SseTestClient stream = SseTestClient.connect(sseUri("news"), null)) {
			bystander.subscribe("news");
			List<Socket> attackers = new ArrayList<>();
			long start = System.nanoTime();
			try {
				for (int i = 0; i < 100; i++) {
					Socket http = RawHttp.connect(this.port);
					RawHttp.send(http, "GET /realtime/config HTTP/1.1\r\nHost: localhost\r\nX-Half: ");
					Socket upgrade = RawHttp.connect(this.port);
					RawHttp.send(upgrade, "GET /realtime/ws?user=u" + i + " HTTP/1.1\r\nHost: localhost\r\n"
							+ "Upgrade: websocket\r\nConnection: Upgrade\r\n");
					attackers.add(http);
					attackers.add(upgrade);
					attackers.add(RawHttp.connect(this.port));
				}
				// While they hang on, both transports and plain HTTP keep serving, past the deadline.
				while (System.nanoTime() - start < HEAD_TIMEOUT.toNanos() * 3 / 2) {
					assertBystandersServed(bystander, stream);
					// Well within the bystander's own rate limit.
					Thread.sleep(100);
				}
				for (Socket attacker : attackers) {
					assertThat(RawHttp.closedByServer(attacker, SLACK)).isTrue();
				}
			}
			finally {
				RawHttp.closeAll(attackers);
			}
			assertBystandersServed(bystander, stream);
		}
		assertThat(this.counters.count(LimitEvent.REQUEST_HEAD_TIMED_OUT)).isEqualTo(timedOut + 300);
	}

	@Test
	void aSlowlorisTricklingAByteEveryFewHundredMillisecondsIsClosedAtTheSameDeadline() throws Exception {
		int clients = 50;
		ExecutorService executor = Executors.newFixedThreadPool(clients);
		try (TestClient bystander = TestClient.connect(uri("bystander"));
				SseTestClient stream = SseTestClient.connect(sseUri("news"), null)) {
			bystander.subscribe("news");
			List<Future<Duration>> lorises = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				lorises.add(executor.submit(this::trickleUntilClosed));
			}
			for (int i = 0; i < 10; i++) {
				assertBystandersServed(bystander, stream);
			}
			for (Future<Duration> loris : lorises) {
				assertThat(loris.get()).isBetween(HEAD_TIMEOUT, HEAD_TIMEOUT.plus(SLACK));
			}
			assertBystandersServed(bystander, stream);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aWebSocketHandshakeThatDoesNotCompleteIsClosedAtTheDeadline() throws Exception {
		long timedOut = this.counters.count(LimitEvent.REQUEST_HEAD_TIMED_OUT);
		try (TestClient bystander = TestClient.connect(uri("bystander"));
				Socket stalled = RawHttp.connect(this.port)) {
			long start = System.nanoTime();
			RawHttp.send(stalled, "GET /realtime/ws?user=stall HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
					+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
					+ "Sec-WebSocket-Version: 13\r\n\r\n");
			assertThat(RawHttp.closedByServer(stalled, HEAD_TIMEOUT.plus(SLACK))).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(HEAD_TIMEOUT);
			assertThat(bystander.request("{\"type\":\"ping\"}").path("type").asString()).isEqualTo("pong");
		}
		assertThat(this.counters.count(LimitEvent.REQUEST_HEAD_TIMED_OUT)).isEqualTo(timedOut + 1);
	}

	@Test
	void aKeepAliveConnectionHasTheKeepAliveTimeoutForItsNextRequestAndIsNotCountedWhenClosed() throws Exception {
		long timedOut = this.counters.count(LimitEvent.REQUEST_HEAD_TIMED_OUT);
		try (Socket socket = RawHttp.connect(this.port)) {
			for (int i = 0; i < 3; i++) {
				// Each request comes after the request-head timeout, within the keep-alive one.
				Thread.sleep((i > 0) ? 1500 : 0);
				RawHttp.send(socket, "GET /realtime/config HTTP/1.1\r\nHost: localhost\r\n\r\n");
				String head = RawHttp.readHead(socket.getInputStream());
				assertThat(RawHttp.status(head)).isEqualTo(200);
				int length = Integer.parseInt(head.replaceAll("(?si).*content-length: (\\d+).*", "$1"));
				socket.getInputStream().readNBytes(length);
			}
			long idleSince = System.nanoTime();
			RawHttp.send(socket, "GET /realtime/config HTTP/1.1\r\nHost: loc");
			assertThat(RawHttp.closedByServer(socket, Duration.ofSeconds(2).plus(SLACK))).isTrue();
			// The server's keep-alive timer started when it wrote the last response, a moment
			// before this client read it: measured from here, it may end a hair under 2 s.
			assertThat(Duration.ofNanos(System.nanoTime() - idleSince)).isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
		}
		assertThat(this.counters.count(LimitEvent.REQUEST_HEAD_TIMED_OUT)).isEqualTo(timedOut);
	}

	/**
	 * Sends a request head of about 150 bytes one byte every 200 ms, until the server closes the
	 * connection; how long it was open.
	 */
	private Duration trickleUntilClosed() throws IOException {
		byte[] head = ("GET /realtime/config HTTP/1.1\r\nHost: localhost\r\nX-Loris: " + "a".repeat(100))
			.getBytes();
		long start = System.nanoTime();
		try (Socket socket = RawHttp.connect(this.port)) {
			for (int i = 0; i < head.length; i++) {
				try {
					socket.getOutputStream().write(head[i]);
				}
				catch (IOException ex) {
					break;
				}
				if (RawHttp.closedByServer(socket, Duration.ofMillis(200))) {
					break;
				}
			}
			return Duration.ofNanos(System.nanoTime() - start);
		}
	}

	private void assertBystandersServed(TestClient bystander, SseTestClient stream) throws Exception {
		assertThat(RawHttp.status(RawHttp.get(this.port, "/realtime/config"))).isEqualTo(200);
		Bystander.assertServed(this.hub, bystander, stream);
	}

	private URI uri(String user) {
		return URI.create("ws://localhost:" + this.port + "/realtime/ws?user=" + user);
	}

	private URI sseUri(String room) {
		return URI.create("http://localhost:" + this.port + "/realtime/sse?room=" + room + "&user=sse");
	}

	/** Admits every handshake at once, but that of {@code ?user=stall}, which it never answers. */
	@TestConfiguration(proxyBeanMethods = false)
	static class StallingAuthenticator {

		@Bean
		@Primary
		RealtimeAuthenticator stallingAuthenticator() {
			return (exchange) -> {
				String user = exchange.getRequest().getQueryParams().getFirst("user");
				return "stall".equals(user) ? Mono.never() : Mono.just(RealtimePrincipal.user(user));
			};
		}

	}

}
